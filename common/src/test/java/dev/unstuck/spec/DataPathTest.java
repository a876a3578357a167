package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * data.path values that Java's URI and Path classes throw on are spec problems with their line
 * (issue 9, defect 4).
 */
class DataPathTest {
  @TempDir Path folder;

  private SpecException parse(String path) {
    String yaml =
        """
        name: paths
        data:
          path: %s
          label: y
        """
            .formatted(path);
    return catchThrowableOfType(
        SpecException.class, () -> SpecParser.parse(yaml, "sweep.yaml", Optional.of(folder)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "\"file:data/x.csv\"|'file:data/x.csv' is a relative file: URI, which has no meaning - write file:///absolute/path or a plain path such as data/x.csv",
        "file://host/x|'file://host/x' names a host ('host'): a file: URI reads this machine's files",
        "\"data/x\\0.csv\"|'data/x\\u0000.csv' contains a control character (U+0000 at position 6)",
        "file:/tmp/a b%zz.csv|'file:/tmp/a b%zz.csv' is not a valid file: URI (Illegal character in path at index 11"
      })
  void anUnusablePathIsAProblemOfDataPathWithItsLine(String path, String message) {
    SpecException e = parse(path);

    assertThat(e).as(path).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo("data.path");
              assertThat(problem.line()).isEqualTo(3);
              assertThat(problem.message()).startsWith(message);
            });
  }

  @Test
  void anAbsoluteFileUriToAFileThatExistsIsFine() throws Exception {
    Path data = Files.writeString(folder.resolve("x.csv"), "a,y\n1,2\n");
    assertThat(parse(data.toUri().toString())).isNull();
    assertThat(parse("file:" + folder.resolve("missing.csv")).problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("no such file"));
  }

  @Test
  void aNameTooLongForAFileNameIsRefused() {
    String yaml =
        """
        name: %s
        data:
          path: x.csv
          label: y
        """
            .formatted("n".repeat(1_000_000));
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecParser.parse(yaml, "sweep.yaml", Optional.empty()));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo("name");
              assertThat(problem.message())
                  .isEqualTo(
                      "'nnnnnnnnnnnnnnnnnnnn...' is 1000000 characters long: at most 100 (it "
                          + "becomes part of run ids, file and folder names)");
            });
  }
}
