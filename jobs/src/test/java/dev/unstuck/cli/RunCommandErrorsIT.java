package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.local.Ports;
import dev.unstuck.testing.SweepSpecFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a newcomer can get wrong with {@code unstuck run} ends in one line, not a stack trace. */
class RunCommandErrorsIT {

  @Test
  void aKafkaNobodyAnswersOnIsOneLineAndExitCode3(@TempDir Path dir) {
    int port = Ports.free();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Unstuck.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "run",
                ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
                "--bootstrap-servers",
                "127.0.0.1:" + port,
                "--out",
                dir.toString());
    assertThat(exit).isEqualTo(RunCommand.SERVICES);
    // KafkaSettings words it "did not answer within 15 s" or "refused: ... Timed out", whichever
    // timeout fires first
    assertThat(err.toString().strip())
        .startsWith("unstuck: Kafka at 127.0.0.1:" + port + " ")
        .doesNotContain("\n", "\tat ");
    assertThat(out.toString()).doesNotContain("PostgreSQL started");
  }

  /**
   * A --jdbc-url nobody answers on: the line says it is PostgreSQL that did not answer (not just
   * "Connection refused"), and the start line says only the Kafka broker it started will be
   * stopped, not the database.
   */
  @Test
  void aPostgresNobodyAnswersOnIsNamedAndOnlyWhatWasStartedIsSaidToBeStopped(@TempDir Path dir) {
    String jdbc = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/unstuck";
    Terminal terminal =
        Terminal.run(
            "run",
            ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
            "--out",
            dir.toString(),
            "--jdbc-url",
            jdbc);

    assertThat(terminal.exit()).as(terminal.err()).isEqualTo(RunCommand.SERVICES);
    assertThat(terminal.out())
        .contains("; PostgreSQL: " + jdbc + " (Kafka stopped again when this ends)")
        .doesNotContain("both stopped");
    assertThat(terminal.errorLines())
        .singleElement()
        .asString()
        .startsWith("unstuck: the diagnosis stream job did not start: PostgreSQL at " + jdbc + ": ")
        .contains("Connection");
  }

  /**
   * A sweep that stops before any run reports ends {@code run} at once with its own error and exit
   * code: no waiting out --wait for runs that cannot come, and no "nothing to fix" about a baseline
   * nobody diagnosed.
   */
  @Test
  void aSweepThatCannotReadItsDataEndsRunAtOnceWithExitCode4(@TempDir Path dir) throws Exception {
    Path spec =
        SweepSpecFiles.write(
            dir,
            "parquet.yaml",
            """
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
        """
                .formatted(SweepSpecFiles.DATA.resolve("churn.csv.gz")));
    Terminal terminal =
        Terminal.run(
            "run", spec.toString(), "--out", dir.resolve("out").toString(), "--wait", "3600");

    assertThat(terminal.exit()).as(terminal.err()).isEqualTo(4);
    // it never waited: the launcher says "waiting for the last diagnoses" before it polls, and
    // every poll prints
    // "runs diagnosed" (a structural check - a timed one says more about the machine's load than
    // about the code)
    assertThat(terminal.out())
        .doesNotContain("waiting for the last diagnoses", "nothing to fix", "runs diagnosed");
    assertThat(terminal.errorLines())
        .singleElement()
        .asString()
        .startsWith(
            "unstuck: data.path: cannot read "
                + SweepSpecFiles.DATA.resolve("churn.csv.gz")
                + " as parquet");
  }

  /**
   * Every option value is checked while the command line is parsed: before a broker, database or
   * Spark starts.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--concurrency|0|--concurrency must be >= 1 (runs trained at once), got 0",
        "--wait|-5|--wait must be >= 0 (seconds to wait for the last diagnoses), got -5",
        "--wait|soon|Invalid value for option '--wait': 'soon' is not an int",
        "--jdbc-url|jdbc:mysql://db/x|--jdbc-url: 'jdbc:mysql://db/x' is not a PostgreSQL JDBC URL",
        "--db-credentials-file|no/such/file|--db-credentials-file: no readable file 'no/such/file'",
        "--kafka-property|no-equals-sign|should be in KEY=VALUE format",
        "--no-such-option|x|Unknown options: '--no-such-option', 'x'"
      })
  void aBadOptionValueIsOneLineAndExitCode2BeforeAnythingStarts(
      String option, String value, String message, @TempDir Path dir) {
    Terminal terminal =
        Terminal.run(
            "run",
            ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
            "--out",
            dir.toString(),
            option,
            value);

    assertThat(terminal.exit()).isEqualTo(RunCommand.BAD_SPEC);
    assertThat(terminal.errorLines())
        .singleElement()
        .asString()
        .startsWith("unstuck run: ")
        .contains(message)
        .endsWith("(see 'unstuck run --help')");
    // nothing started: the launcher's first line names what it starts (the plan, then Kafka and
    // PostgreSQL)
    assertThat(terminal.out()).isEmpty();
  }

  @Test
  void aResultsFolderThatIsAFileIsRefusedUpFront(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Terminal terminal =
        Terminal.run(
            "run",
            ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
            "--out",
            file.toString());
    assertThat(terminal.exit()).isEqualTo(RunCommand.BAD_SPEC);
    assertThat(terminal.errorLines())
        .singleElement()
        .asString()
        .contains("--out: '" + file + "' is a file, not a folder");
  }

  @Test
  void validateTakesHelp() {
    Terminal terminal = Terminal.run("validate", "-h");
    assertThat(terminal.exit()).isZero();
    assertThat(terminal.out()).contains("Usage: unstuck validate");
  }

  @Test
  void aMissingSpecIsOneLineAndExitCode2() {
    StringWriter err = new StringWriter();
    int exit =
        Unstuck.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute("run", "no/such/sweep.yaml");
    assertThat(exit).isEqualTo(RunCommand.BAD_SPEC);
    assertThat(err.toString())
        .startsWith("no/such/sweep.yaml: 1 problem")
        .contains("no such file")
        .doesNotContain("Exception");
  }
}
