package dev.unstuck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

  @Test
  void quotedFieldsKeepTheirCommasQuotesAndLineBreaksAndAnEmptyFieldIsNull() throws Exception {
    String text =
        "run_id,symptoms,evidence\r\n"
            + "s/baseline/seed-1,\"DIVERGING,NOT_LEARNING\",\"DIVERGING: loss NaN\nNOT_LEARNING: \"\"flat\"\"\"\r\n"
            + "s/baseline/seed-2,\"\",\r\n";

    List<Map<String, String>> rows = ResultsCsv.parse(text);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("symptoms", "DIVERGING,NOT_LEARNING")
        .containsEntry("evidence", "DIVERGING: loss NaN\nNOT_LEARNING: \"flat\"");
    assertThat(rows.get(1))
        .containsEntry("run_id", "s/baseline/seed-2")
        .containsEntry("symptoms", "")
        .containsEntry("evidence", null);
  }
}
