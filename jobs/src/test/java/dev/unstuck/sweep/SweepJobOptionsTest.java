package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.local.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sweep job started by spark-submit directly, not through {@code bin/unstuck run}: its option
 * values are checked while the command line is parsed, in the launcher's words and with its exit
 * code, before the spec is read (the one named does not exist, which would be a different message)
 * and before Spark or Kafka is touched.
 */
class SweepJobOptionsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--concurrency|0|--concurrency must be >= 1 (runs trained at once), got 0",
        "--averaging-frequency|0|--averaging-frequency must be >= 1 (minibatches between parameter averages), got 0",
        "--native-threads|-1|--native-threads must be >= 0 (native threads per task, 0 = ND4J's default), got -1",
        "--kafka-timeout|0|--kafka-timeout must be >= 1 (seconds to wait for Kafka), got 0",
        "--concurrency|two|Invalid value for option '--concurrency': 'two' is not an int",
        "--kafka-properties-file|no/such.properties|--kafka-properties-file: no readable file 'no/such.properties'",
        "--plan-out|no/such/folder/plan.tsv|--plan-out: no folder to write 'no/such/folder/plan.tsv' in",
        "--plan-out|.|--plan-out: '.' is a folder, not a file",
        "--execution-id|a/b|--execution-id: 'a/b' is not an execution id: 1 to 64 letters, digits, '.', '_', "
            + "':' or '-'"
      })
  void aBadOptionValueIsOneLineAndExitCode2BeforeAnythingStarts(
      String option, String value, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        SweepJob.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "--spec",
                Path.of("no-need-to-exist.yaml").toString(),
                "--bootstrap-servers",
                "127.0.0.1:" + Ports.free(),
                option,
                value);

    assertThat(exit).isEqualTo(SweepJob.BAD_SPEC);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("SweepJob: " + message)
        .endsWith(" (see 'SweepJob --help')");
    assertThat(out.toString()).isEmpty();
    assertThat(SparkSession.getDefaultSession().isDefined()).as("Spark was not started").isFalse();
  }
}
