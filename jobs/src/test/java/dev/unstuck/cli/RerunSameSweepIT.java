package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.testing.SweepSpecFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team re-runs a sweep under the same name, against the same Kafka and PostgreSQL ({@code
 * --bootstrap-servers}, {@code --jdbc-url}), with a changed spec: other seeds, another fix. The
 * second {@code bin/unstuck run} must print and write the second run's own answer - its seeds, its
 * fix - not the first run's rows, which the tables keep as an earlier execution of the sweep.
 */
class RerunSameSweepIT {

  @Test
  void theSecondRunOfASweepNameAnswersWithItsOwnRuns(@TempDir Path dir) throws Exception {
    try (InProcessKafka kafka = InProcessKafka.start();
        EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
      Path login =
          Files.writeString(dir.resolve("db.credentials"), "user=postgres\npassword=postgres\n");
      Path first =
          SweepSpecFiles.digits(
              dir.resolve("first"), "rerun", "sgd", 2, 3, 1, "\n  - learningRate: [x0.01]");
      Path second =
          SweepSpecFiles.digits(
              dir.resolve("second"), "rerun", "sgd", 2, 3, 2, "\n  - gradientClip: [1.0]");

      String firstPrinted =
          run(first, dir.resolve("results-1"), kafka.bootstrapServers(), jdbc, login);
      assertThat(firstPrinted).contains("2/2 runs diagnosed, 1/1 fixes judged");

      String printed = run(second, dir.resolve("results-2"), kafka.bootstrapServers(), jdbc, login);
      assertThat(printed).contains("4/4 runs diagnosed, 1/1 fixes judged");
      assertThat(printed).containsPattern("Baseline \\(2 seeds\\)");
      assertThat(printed).contains("gradientClip: 1.0").doesNotContain("learningRate: x0.01");

      List<Map<String, String>> outcomes =
          RunCommandEndToEndIT.readCsv(dir.resolve("results-2").resolve("fix_outcome.csv"));
      assertThat(outcomes)
          .isNotEmpty()
          .extracting(row -> row.get("variant_id"))
          .containsOnly("clip-norm-1.0");
      assertThat(outcomes)
          .allMatch(row -> row.get("seeds").equals("2") && row.get("is_final").equals("true"));
      List<Map<String, String>> runs =
          RunCommandEndToEndIT.readCsv(dir.resolve("results-2").resolve("run_diagnosis.csv"));
      assertThat(runs)
          .extracting(row -> row.get("variant_id") + "/" + row.get("seed"))
          .containsExactlyInAnyOrder(
              "baseline/1", "baseline/2", "clip-norm-1.0/1", "clip-norm-1.0/2");
    }
  }

  private static String run(Path spec, Path results, String kafka, String jdbc, Path login) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Unstuck.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "run",
                spec.toString(),
                "--out",
                results.toString(),
                "--bootstrap-servers",
                kafka,
                "--jdbc-url",
                jdbc,
                "--db-credentials-file",
                login.toString(),
                "--wait",
                "120");
    System.out.println(out);
    System.out.println(err);
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }
}
