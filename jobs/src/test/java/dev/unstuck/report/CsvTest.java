package dev.unstuck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.db.Table;
import dev.unstuck.testing.ResultsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  @Test
  void quotesEveryValueAndLeavesNullAnEmptyField() {
    Table table =
        new Table(
            "t",
            List.of("a", "b", "c", "d", "e"),
            List.of(
                Arrays.asList("plain", "with, comma", "say \"hi\"", "two\nlines", null),
                Arrays.asList(" padded", "", 1.5, true, Double.NaN)));
    assertThat(Csv.toString(table))
        .isEqualTo(
            "\"a\",\"b\",\"c\",\"d\",\"e\"\r\n"
                + "\"plain\",\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
                + "\" padded\",\"\",\"1.5\",\"true\",\"NaN\"\r\n");
  }

  @Test
  void readsBackAsWrittenWithNullAndEmptyApart() throws Exception {
    Table table =
        new Table(
            "t",
            List.of("a", "b", "c"),
            List.of(
                Arrays.asList("two\nlines", null, ""),
                Arrays.asList(" padded", "say \"hi\"", Double.NEGATIVE_INFINITY)));
    List<Map<String, String>> rows = ResultsCsv.parse(Csv.toString(table));

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("a", "two\nlines")
        .containsEntry("b", null)
        .containsEntry("c", "");
    assertThat(rows.get(1))
        .containsEntry("a", " padded")
        .containsEntry("b", "say \"hi\"")
        .containsEntry("c", "-Infinity");
  }

  @Test
  void writesTheTableWithItsHeader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fix_outcome.csv");
    Csv.write(ReportFixtures.fixOutcome(), file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0))
        .isEqualTo("\"" + String.join("\",\"", ReportFixtures.FIX_OUTCOME_COLUMNS) + "\"");
    assertThat(lines).hasSize(1 + 4);
    assertThat(lines.get(1))
        .startsWith(
            "\"diverging-lr\",\"lr-x0.001\",\"DIVERGING\",\"LEARNING_RATE\","
                + "\"learningRate=x0.001\",\"DIVERGING,NOT_LEARNING\",\"2\",\"8\",\"true\",\"0.1\",\"0.965\",\"0.865\","
                + "\"0.007\",\"1.5\",\"\",\"\",\"true\",");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of("x"))))
        .hasMessageContaining("1 values for 2 columns");
  }
}
