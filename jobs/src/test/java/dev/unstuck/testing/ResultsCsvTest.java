package dev.unstuck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

  @Test
  void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() {
    String text = "run_id,symptoms,evidence\r\n"
        + "s/baseline/seed-1,\"DIVERGING,NOT_LEARNING\",\"DIVERGING: loss NaN\nNOT_LEARNING: \"\"flat\"\"\"\r\n"
        + "s/baseline/seed-2,,\r\n";

    List<List<String>> records = ResultsCsv.parse(text);

    assertThat(records).containsExactly(
        List.of("run_id", "symptoms", "evidence"),
        List.of("s/baseline/seed-1", "DIVERGING,NOT_LEARNING", "DIVERGING: loss NaN\nNOT_LEARNING: \"flat\""),
        List.of("s/baseline/seed-2", "", ""));
  }
}
