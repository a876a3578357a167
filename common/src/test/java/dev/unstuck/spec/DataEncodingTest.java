package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** data.encoding: the character set of a CSV that is not UTF-8, as spreadsheets often save them. */
class DataEncodingTest {

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

  private static DataSpec data(String dataLines) throws SpecException {
    return SpecParser.parse(spec(dataLines), "s.yaml", Optional.empty()).data();
  }

  private static SpecProblem problem(String dataLines) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () -> SpecParser.parse(spec(dataLines), "s.yaml", Optional.empty()));
    assertThat(e).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void utf8UnlessSaidOtherwise() throws SpecException {
    assertThat(data("").encoding()).isEqualTo("UTF-8");
    assertThat(data("").utf8()).isTrue();
    assertThat(data("encoding: utf8").utf8()).isTrue();
  }

  @Test
  void anyNameJavaKnowsIsKeptAsItsCanonicalName() throws SpecException {
    assertThat(data("encoding: latin1").encoding()).isEqualTo("ISO-8859-1");
    assertThat(data("encoding: Windows-1252").encoding()).isEqualTo("windows-1252");
    assertThat(data("encoding: latin1").utf8()).isFalse();
  }

  @Test
  void anUnknownNameIsNamedWithItsLine() {
    SpecProblem p = problem("encoding: latin-99");
    assertThat(p.path()).isEqualTo("data.encoding");
    assertThat(p.message())
        .startsWith("unknown 'latin-99': a character set such as UTF-8, ISO-8859-1");
    assertThat(p.line()).isEqualTo(5);
    assertThat(problem("encoding: 'not a name'").message()).startsWith("unknown 'not a name'");
  }

  @Test
  void onlyForCsv() {
    assertThat(problem("format: parquet\nencoding: latin1").message())
        .isEqualTo("only CSV files have an encoding here (data.format is parquet)");
  }
}
