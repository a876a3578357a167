package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.ShuffledLabels;
import dev.unstuck.testing.SweepSpecFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/unstuck run} on digits whose labels this test shuffled: nothing can be learned, no fix
 * may resolve anything, and the answer must send the user to the data pipeline - through the whole
 * product (Kafka, the stream job, PostgreSQL, the report), with the probe's runs diagnosed but
 * never judged as fixes.
 */
class NoSignalEndToEndIT {

  @Test
  void shuffledLabelsAreReportedAsADataProblem(@TempDir Path dir) throws Exception {
    Path data =
        ShuffledLabels.write(
            SweepSpecFiles.DATA.resolve("digits.csv.gz"), dir.resolve("digits-shuffled.csv"), 11);
    Path spec =
        SweepSpecFiles.write(
            dir,
            "shuffled.yaml",
            """
        name: shuffled-digits
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [64, 64]
        training:
          optimizer: sgd
          learningRate: 0.1
          batchSize: 64
          epochs: 6
          normalizeInputs: standard
          seeds: 2
        fixes:
          - l2: [0.001]
        """
                .formatted(data));
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
                dir.resolve("results").toString(),
                "--wait",
                "120");

    String printed = out.toString();
    System.out.println(printed);
    assertThat(exit).as(err.toString()).isZero();
    assertThat(printed).contains("8/8 runs diagnosed, 1/1 fixes judged");
    assertThat(printed)
        .contains(
            "No fix helped, and the labels look unrelated to the features: a reference network (");
    assertThat(printed).contains("Check the data pipeline");
    assertThat(Files.exists(dir.resolve("results").resolve("fixed.yaml")))
        .as("fixed.yaml with nothing resolved")
        .isFalse();
    List<Map<String, String>> outcomes =
        RunCommandEndToEndIT.readCsv(dir.resolve("results").resolve("fix_outcome.csv"));
    assertThat(outcomes).extracting(row -> row.get("variant_id")).containsOnly("l2-0.001");
    assertThat(outcomes).noneMatch(row -> row.get("resolved").equals("true"));
    List<Map<String, String>> runs =
        RunCommandEndToEndIT.readCsv(dir.resolve("results").resolve("run_diagnosis.csv"));
    assertThat(runs)
        .filteredOn(row -> row.get("fix_family").equals("PROBE"))
        .extracting(row -> row.get("variant_id"))
        .containsOnly("reference", "permuted-labels-of-reference")
        .hasSize(4);
  }
}
