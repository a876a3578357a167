package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** data.delimiter: the CSV field separator, for the ';'-separated files spreadsheets write. */
class DataDelimiterTest {

  private static String spec(String dataLines) {
    return """
        name: d
        data:
          path: x.csv
          label: y
        %s
        """
        .formatted(dataLines.indent(2).stripTrailing());
  }

  @Test
  void aCommaUnlessSaidOtherwise() throws SpecException {
    assertThat(SpecParser.parse(spec(""), "s.yaml", Optional.empty()).data().delimiter())
        .isEqualTo(",");
    assertThat(
            SpecParser.parse(spec("delimiter: ';'"), "s.yaml", Optional.empty()).data().delimiter())
        .isEqualTo(";");
    assertThat(
            SpecParser.parse(spec("delimiter: tab"), "s.yaml", Optional.empty()).data().delimiter())
        .isEqualTo("\t");
  }

  @Test
  void oneCharacterAndOnlyForCsv() {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () -> SpecParser.parse(spec("delimiter: ';;'"), "s.yaml", Optional.empty()));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("data.delimiter");
              assertThat(p.message()).isEqualTo("';;': one character, e.g. ';', or 'tab'");
              assertThat(p.line()).isEqualTo(5);
            });
    SpecException parquet =
        catchThrowableOfType(
            SpecException.class,
            () ->
                SpecParser.parse(
                    spec("format: parquet\ndelimiter: ';'"), "s.yaml", Optional.empty()));
    assertThat(parquet.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo("only CSV files have a delimiter (data.format is parquet)"));
  }
}
