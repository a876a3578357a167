package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.fix.Fix;
import dev.unstuck.local.Ports;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.ResultsCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/unstuck run deploy/examples/diverging-lr.yaml} in-process, end to end on real data: a
 * real KRaft broker and PostgreSQL, the stream and sweep jobs on local Spark. The known answer must
 * come out (the baseline diverges, dividing the learning rate by 1000 resolves it), the results
 * folder must hold it, and everything started must be stopped again.
 */
class RunCommandEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IMG =
      Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\">");

  @Test
  void divergingLearningRateIsDiagnosedAndTheLearningRateFixResolvesIt(@TempDir Path dir)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long threadsBefore =
        Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon()).count();

    int exit =
        Unstuck.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "run",
                ExampleSpecsTest.EXAMPLES.resolve("diverging-lr.yaml").toString(),
                "--out",
                dir.toString());

    String printed = out.toString();
    System.out.println(printed);
    System.out.println(err);
    assertThat(exit).as(err.toString()).isZero();

    // the terminal: the baseline's diagnosis and the fix table with the known answer
    assertThat(printed)
        .contains("diverging-lr: baseline + 3 fixes = 4 variants x 2 seeds = 8 runs");
    assertThat(printed).contains("8/8 runs diagnosed, 3/3 fixes judged");
    assertThat(printed).containsPattern("Baseline \\(2 seeds\\): DIVERGED \\(2\\)");
    assertThat(printed).contains("DIVERGING (2/2 seeds)");
    assertThat(printed).containsPattern("LEARNING_RATE +learningRate: x0.01 +DIVERGING +yes ");
    assertThat(printed).containsPattern("DIVERGING is resolved by [^\\n]*lr-x0\\.01\\b");

    // fix_outcome.csv: the table's rows, final
    List<Map<String, String>> outcomes = readCsv(dir.resolve("fix_outcome.csv"));
    assertThat(outcomes)
        .isNotEmpty()
        .allMatch(row -> row.get("is_final").equals("true"))
        .allMatch(row -> row.get("sweep_id").equals("diverging-lr"));
    assertThat(outcomes)
        .extracting(row -> row.get("variant_id"))
        .containsOnly("lr-x0.01", "lr-x0.001", "clip-norm-1.0");
    assertThat(outcomes)
        .filteredOn(
            row ->
                row.get("variant_id").equals("lr-x0.01")
                    && row.get("baseline_symptom").equals("DIVERGING"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("resolved")).isEqualTo("true");
              assertThat(row.get("fix_family")).isEqualTo("LEARNING_RATE");
              assertThat(Double.parseDouble(row.get("metric_delta"))).isGreaterThan(0.3);
            });

    // run_diagnosis.csv: every run of the plan, final; the baseline diverged
    List<Map<String, String>> runs = readCsv(dir.resolve("run_diagnosis.csv"));
    assertThat(runs).hasSize(8).allMatch(row -> row.get("is_final").equals("true"));
    assertThat(runs)
        .filteredOn(row -> row.get("variant_id").equals("baseline"))
        .hasSize(2)
        .allMatch(row -> row.get("symptoms").matches("\\{(.*,)?DIVERGING(,.*)?}"))
        .allMatch(row -> measured(row.get("evidence"), "DIVERGING"));

    // report.html: the answer, the fix table, the charts as inline PNGs
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).containsPattern("DIVERGING is resolved by [^<]*lr-x0\\.01\\b");
    assertThat(html).contains("<table class=\"fixes\">");
    assertThat(html)
        .containsPattern("<td>learningRate: x0.01</td><td class=\"yes\">[^<]*\\bDIVERGING\\b");
    List<String> charts = new ArrayList<>();
    Matcher img = IMG.matcher(html);
    while (img.find()) {
      charts.add(img.group(1));
    }
    assertThat(charts)
        .containsExactly(
            "Validation balanced accuracy per epoch",
            "Loss: baseline",
            "Loss: clip-norm-1.0",
            "Loss: lr-x0.001",
            "Loss: lr-x0.01");
    assertThat(html).doesNotContain("http://", "https://", "<script");

    // fixed.yaml: the example with the best resolving fix in its baseline, read back by the spec
    // parser
    Map<String, String> best =
        outcomes.stream()
            .filter(row -> row.get("resolved").equals("true"))
            .max(Comparator.comparingDouble(row -> Double.parseDouble(row.get("metric_delta"))))
            .orElseThrow();
    SweepSpec example = SpecParser.parse(ExampleSpecsTest.EXAMPLES.resolve("diverging-lr.yaml"));
    Fix bestFix =
        example.fixes().explicit().stream()
            .filter(f -> f.id().equals(best.get("variant_id")))
            .findFirst()
            .orElseThrow();
    SweepSpec fixed = SpecParser.parse(dir.resolve("fixed.yaml"));
    assertThat(fixed.baseline()).isEqualTo(bestFix.apply(example.baseline()));
    assertThat(fixed.data()).isEqualTo(example.data());
    assertThat(fixed.fixes().auto()).isTrue();
    assertThat(Files.readString(dir.resolve("fixed.yaml")))
        .startsWith(
            "# diverging-lr with "
                + bestFix
                + " applied to its baseline, which resolved DIVERGING: validation balanced accuracy ");
    assertThat(printed)
        .contains(
            "the baseline with the best fix applied, ready to run: " + dir.resolve("fixed.yaml"));

    // everything started is stopped: the broker's and the database's ports are closed, no child
    // process is left
    int kafkaPort = port(printed, "Kafka \\(KRaft\\) started on 127\\.0\\.0\\.1:(\\d+)");
    int postgresPort =
        port(printed, "PostgreSQL started at jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");
    assertThat(Ports.isListening(kafkaPort)).as("Kafka port " + kafkaPort + " closed").isFalse();
    assertThat(Ports.isListening(postgresPort))
        .as("PostgreSQL port " + postgresPort + " closed")
        .isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("child processes")
        .isEmpty();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .commandLine()
                            .map(c -> c.contains("postgres") && c.contains("-p " + postgresPort))
                            .orElse(false))
                .toList())
        .as("postgres server on port " + postgresPort)
        .isEmpty();
    long threadsAfter =
        Thread.getAllStackTraces().keySet().stream()
            .filter(
                t -> !t.isDaemon() && t.isAlive() && t.getName().toLowerCase().contains("kafka"))
            .count();
    assertThat(threadsAfter)
        .as("Kafka server threads left (before: %d non-daemon threads)", threadsBefore)
        .isZero();
  }

  private static int port(String printed, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(printed);
    assertThat(matcher.find()).as("'" + regex + "' in the output").isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  /** The evidence column (a JSON array) has the symptom's finding with what it measured. */
  private static boolean measured(String evidence, String symptom) {
    try {
      for (JsonNode finding : JSON.readTree(evidence)) {
        if (finding.get("symptom").asText().equals(symptom)) {
          return finding.get("metric").isTextual() && finding.get("from_epoch").isInt();
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A results-folder CSV's rows, column name -> text. */
  static List<Map<String, String>> readCsv(Path file) throws Exception {
    assertThat(file).exists();
    return ResultsCsv.read(file);
  }
}
