package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.local.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import dev.unstuck.testing.SweepSpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer can get wrong with {@code unstuck run} ends in one line, not a stack trace. */
class RunCommandErrorsTest {

  @Test
  void aKafkaNobodyAnswersOnIsOneLineAndExitCode3(@TempDir Path dir) {
    int port = Ports.free();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Unstuck.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("run", ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
            "--bootstrap-servers", "127.0.0.1:" + port, "--out", dir.toString());
    assertThat(exit).isEqualTo(RunCommand.SERVICES);
    // KafkaSettings words it "did not answer within 15 s" or "refused: ... Timed out", whichever timeout fires first
    assertThat(err.toString().strip()).startsWith("unstuck: Kafka at 127.0.0.1:" + port + " ")
        .doesNotContain("\n", "\tat ");
    assertThat(out.toString()).doesNotContain("PostgreSQL started");
  }

  /**
   * A sweep that stops before any run reports ends {@code run} at once with its own error and exit code: no
   * waiting out --wait for runs that cannot come, and no "nothing to fix" about a baseline nobody diagnosed.
   */
  @Test
  void aSweepThatCannotReadItsDataEndsRunAtOnceWithExitCode4(@TempDir Path dir) throws Exception {
    Path spec = SweepSpecFiles.write(dir, "parquet.yaml", """
        name: parquet-on-csv
        data:
          path: %s
          format: parquet
          label: churn
        training:
          epochs: 2
          seeds: 1
        fixes:
          - l2: [1e-4]
        """.formatted(SweepSpecFiles.DATA.resolve("churn.csv.gz")));
    Terminal terminal = Terminal.run("run", spec.toString(), "--out", dir.resolve("out").toString(), "--wait", "300");

    assertThat(terminal.exit()).as(terminal.err()).isEqualTo(4);
    assertThat(terminal.seconds()).isLessThan(120);
    assertThat(terminal.out()).doesNotContain("waiting for the last diagnoses", "nothing to fix", "runs diagnosed");
    assertThat(terminal.errorLines()).singleElement().asString()
        .startsWith("unstuck: data.path: cannot read " + SweepSpecFiles.DATA.resolve("churn.csv.gz") + " as parquet");
  }

  @Test
  void aMissingSpecIsOneLineAndExitCode2() {
    StringWriter err = new StringWriter();
    int exit = Unstuck.commandLine().setErr(new PrintWriter(err, true)).execute("run", "no/such/sweep.yaml");
    assertThat(exit).isEqualTo(RunCommand.BAD_SPEC);
    assertThat(err.toString()).startsWith("no/such/sweep.yaml: 1 problem").contains("no such file")
        .doesNotContain("Exception");
  }
}
