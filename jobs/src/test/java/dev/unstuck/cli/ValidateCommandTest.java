package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unstuck validate} goes through every file, whatever one of them holds (issue 9, defect 4).
 */
class ValidateCommandTest {

  @Test
  void aDataPathJavaCannotParseIsOneProblemAndTheNextFileIsStillChecked(@TempDir Path dir) {
    Path broken =
        SweepSpecFiles.write(
            dir,
            "broken.yaml",
            """
        name: broken
        data:
          path: "file:data/x.csv"
          label: y
        """);
    Path spaces =
        SweepSpecFiles.write(
            dir,
            "spaces.yaml",
            """
        name: spaces
        data:
          path: file:/tmp/a b%zz.csv
          label: y
        """);
    Path good = ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml");

    Terminal terminal =
        Terminal.run("validate", broken.toString(), spaces.toString(), good.toString());

    assertThat(terminal.exit()).isEqualTo(ValidateCommand.INVALID);
    assertThat(terminal.err())
        .contains(broken + ": 1 problem\n  data.path: 'file:data/x.csv' is a relative file: URI")
        .contains(
            spaces + ": 1 problem\n  data.path: 'file:/tmp/a b%zz.csv' is not a valid file: URI")
        .doesNotContain("Exception", "\tat ");
    assertThat(terminal.out()).contains(good + ": ok - healthy-digits:");
  }
}
