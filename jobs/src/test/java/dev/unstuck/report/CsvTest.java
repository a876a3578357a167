package dev.unstuck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.db.Table;
import dev.unstuck.testing.ResultsCsv;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of("x"))))
        .hasMessageContaining("1 values for 2 columns");
  }
}
