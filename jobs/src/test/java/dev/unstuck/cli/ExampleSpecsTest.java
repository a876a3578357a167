package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.ExampleSpecs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example sweep under deploy/examples validates, and says in its first line what it
 * demonstrates.
 */
class ExampleSpecsTest {
  static final Path EXAMPLES = Path.of("..", "deploy", "examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> specs = new ArrayList<>();
      for (Path f :
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        if (ExampleSpecs.dataInstalled(f)) {
          specs.add(f);
        }
      }
      return specs;
    }
  }

  @Test
  void everyExampleValidates() throws IOException {
    List<Path> specs = examples();
    assertThat(specs).hasSizeGreaterThanOrEqualTo(4);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        Stream.concat(Stream.of("validate"), specs.stream().map(Path::toString)).toList();
    int exit =
        Unstuck.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(out.toString().lines())
        .hasSize(specs.size())
        .allMatch(line -> line.contains(": ok - "));
  }

  @Test
  void everyExampleSaysWhatItDemonstrates() throws IOException {
    for (Path spec : examples()) {
      assertThat(Files.readAllLines(spec).get(0))
          .as(spec.toString())
          .startsWith("# Demonstrates: ");
    }
  }

  @Test
  void aBadSpecIsOneLinePerProblemAndExitCode2() throws IOException {
    Path bad = Files.createTempFile("bad", ".yaml");
    Files.writeString(
        bad,
        "name: bad\ndata:\n  path: no-such-file.csv\n  label: y\nmodel:\n  activation: relux\n");
    StringWriter err = new StringWriter();
    int exit =
        Unstuck.commandLine().setErr(new PrintWriter(err, true)).execute("run", bad.toString());
    assertThat(exit).isEqualTo(RunCommand.BAD_SPEC);
    assertThat(err.toString())
        .contains("no such file", "relux")
        .doesNotContain("Exception", "\tat ");
    Files.delete(bad);
  }
}
