package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for class-sorted, never-shuffled minibatches, which made Unstuck diagnose a
 * network nobody trains. Every data file here is sorted by label, as the bug left the training
 * rows.
 */
class ShuffledTrainingIT {

  /**
   * XOR of two features: unlearnable from class-sorted batches, learned to near 1.0 from shuffled
   * ones.
   */
  @Test
  void xorWithSigmoidLayersAndNesterovAtAHighRateLearns(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("xor.csv");
    List<String> rows = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < 1000; i++) {
      double x = random.nextDouble() * 2 - 1;
      double y = random.nextDouble() * 2 - 1;
      rows.add(String.format("%.5f,%.5f,%d", x, y, x * y > 0 ? 1 : 0));
    }
    rows.sort(Comparator.comparing(row -> row.substring(row.lastIndexOf(',')))); // grouped by class
    Files.write(data, rows);
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "xor.yaml",
                """
        name: xor
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [16, 16]
          activation: sigmoid
        training:
          optimizer: nesterovs
          learningRate: 0.5
          batchSize: 32
          epochs: 30
          normalizeInputs: standard
          seeds: 2
        fixes: []
        """
                    .formatted(data)));
    CollectingSink sink = new CollectingSink();

    SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS);

    assertThat(new Verdicts(sink.records).finalBalancedAccuracy("baseline"))
        .hasSize(2)
        .allSatisfy(accuracy -> assertThat(accuracy).isGreaterThan(0.95));
  }

  /**
   * The churn example (14 % churners, rows sorted by label): the baseline stays at chance in
   * balanced accuracy, oversampling the minority resolves it.
   */
  @Test
  void oversamplingResolvesAClassImbalanceCollapse(@TempDir Path dir) throws Exception {
    Path sorted =
        sortedByLastColumn(
            SweepSpecFiles.DATA.resolve("churn.csv.gz"), dir.resolve("churn.csv"), true);
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "churn.yaml",
                """
        name: churn-sorted
        data:
          path: %s
          label: churn
        model:
          hidden: [32]
          activation: relu
        training:
          optimizer: sgd
          learningRate: 0.004
          batchSize: 64
          epochs: 6
          normalizeInputs: standard
          seeds: 2
        fixes:
          - resample: [oversample]
        """
                    .formatted(sorted)));
    CollectingSink sink = new CollectingSink();

    SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS);

    Verdicts verdicts = new Verdicts(sink.records);
    System.out.printf(
        "churn sorted by label: baseline %s %s, oversampled %s%n",
        verdicts.baselineSymptoms(),
        verdicts.finalBalancedAccuracy("baseline"),
        verdicts.judge("resample-oversample"));
    assertThat(verdicts.baselineSymptoms()).contains(Symptom.NOT_LEARNING);
    assertThat(verdicts.resolvedBy("resample-oversample")).contains(Symptom.NOT_LEARNING);
  }

  /**
   * The same rows sorted by label and in random order give the same verdicts: the deep sigmoid
   * network of the vanishing-sigmoid example does not learn digits either way, and batch
   * normalisation resolves it either way.
   */
  @Test
  void theOrderOfTheRowsInTheFileDoesNotChangeTheVerdicts(@TempDir Path dir) throws Exception {
    Path digits = SweepSpecFiles.DATA.resolve("digits.csv.gz");
    Verdicts sorted =
        verdicts(dir, "sorted", sortedByLastColumn(digits, dir.resolve("sorted.csv"), false));
    Verdicts shuffled = verdicts(dir, "shuffled", shuffled(digits, dir.resolve("shuffled.csv")));
    System.out.printf(
        "sorted: %s, batch norm %s%nshuffled: %s, batch norm %s%n",
        sorted.baselineSymptoms(),
        sorted.judge("batchnorm"),
        shuffled.baselineSymptoms(),
        shuffled.judge("batchnorm"));

    assertThat(sorted.baselineSymptoms())
        .contains(Symptom.NOT_LEARNING)
        .isEqualTo(shuffled.baselineSymptoms());
    assertThat(sorted.resolvedBy("batchnorm"))
        .contains(Symptom.NOT_LEARNING)
        .isEqualTo(shuffled.resolvedBy("batchnorm"));
  }

  private static Verdicts verdicts(Path dir, String name, Path data) throws Exception {
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                name + ".yaml",
                """
        name: %s
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [64, 64, 64, 64, 64, 64]
          activation: sigmoid
        training:
          optimizer: sgd
          learningRate: 0.1
          batchSize: 64
          normalizeInputs: standard
          epochs: 10
          seeds: 2
        fixes:
          - batchNorm: [true]
        """
                    .formatted(name, data)));
    CollectingSink sink = new CollectingSink();
    SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS);
    return new Verdicts(sink.records);
  }

  private static Path sortedByLastColumn(Path gzipCsv, Path out, boolean header)
      throws IOException {
    List<String> lines = read(gzipCsv);
    List<String> body = new ArrayList<>(header ? lines.subList(1, lines.size()) : lines);
    body.sort(Comparator.comparing(line -> line.substring(line.lastIndexOf(',') + 1)));
    if (header) {
      body.add(0, lines.get(0));
    }
    return Files.write(out, body);
  }

  private static Path shuffled(Path gzipCsv, Path out) throws IOException {
    List<String> lines = new ArrayList<>(read(gzipCsv));
    Collections.shuffle(lines, new Random(3));
    return Files.write(out, lines);
  }

  private static List<String> read(Path gzipCsv) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzipCsv)), StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    }
  }
}
