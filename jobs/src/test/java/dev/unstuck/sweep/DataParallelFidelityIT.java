package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-parallel training at the default averaging frequency learns what the user's own
 * (single-process, variant-parallel) training learns: on three real datasets the final validation
 * balanced accuracy, mean over the seeds, is within 0.03 of variant-parallel's.
 */
class DataParallelFidelityIT {
  static final double TOLERANCE = 0.03;

  /**
   * The frequency under test; -Dfidelity.averagingFrequency=N measures another (the issue note has
   * the table).
   */
  static final int FREQUENCY =
      Integer.getInteger(
          "fidelity.averagingFrequency", TrainingSettings.DEFAULT_AVERAGING_FREQUENCY);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      digits.csv.gz   | header: false | last  | [32] | sgd  | 0.1  | 6
      churn.csv.gz    | header: true  | churn | [16] | adam | 0.01 | 5
      diabetes.csv.gz | header: true  | class | [16] | adam | 0.01 | 8
      """)
  void dataParallelLearnsWhatTheSingleProcessRunLearns(
      String file,
      String header,
      String label,
      String hidden,
      String optimizer,
      double learningRate,
      int epochs,
      @TempDir Path dir)
      throws Exception {
    double variant =
        meanFinalBalancedAccuracy(
            dir, "variant", file, header, label, hidden, optimizer, learningRate, epochs);
    double data =
        meanFinalBalancedAccuracy(
            dir, "data", file, header, label, hidden, optimizer, learningRate, epochs);
    System.out.printf(
        "%s: variant-parallel %.4f, data-parallel %.4f (averaging every %d), difference %+.4f%n",
        file, variant, data, FREQUENCY, data - variant);

    assertThat(variant).as("the single-process run learns").isGreaterThan(0.6);
    assertThat(Math.abs(data - variant))
        .as("%s: data %.4f vs variant %.4f", file, data, variant)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  /**
   * A convolutional network trains data-parallel as it trains in one process: the digits as 8x8
   * images through conv2d, max pooling and a dense layer, the parameters averaged across 2 workers.
   * Plain SGD, for which averaging the parameters after every step is averaging the gradients
   * (Adam's moments, averaged too, trailed by 0.03-0.04 after 4 and 8 epochs).
   */
  @Test
  void aConvolutionalNetworkLearnsDataParallelWhatItLearnsInOneProcess(@TempDir Path dir)
      throws Exception {
    String cnn =
        """
        name: %s
        data:
          path: %s
          header: false
          label: last
          shape: [8, 8, 1]
        model:
          activation: relu
          layers:
            - conv2d: {filters: 8, kernel: 3}
            - maxpool: {kernel: 2}
            - dense: {units: 32}
        training:
          optimizer: sgd
          learningRate: 0.1
          batchSize: 32
          epochs: 8
          normalizeInputs: standard
          seeds: 2
          workers: 2
          parallelism: %s
        fixes: []
        """;
    double variant =
        meanFinalBalancedAccuracy(
            dir,
            "variant",
            cnn.formatted("variant", SweepSpecFiles.DATA.resolve("digits.csv.gz"), "variant"));
    double data =
        meanFinalBalancedAccuracy(
            dir,
            "data",
            cnn.formatted("data", SweepSpecFiles.DATA.resolve("digits.csv.gz"), "data"));
    System.out.printf(
        "digits CNN: variant-parallel %.4f, data-parallel %.4f (averaging every %d), difference"
            + " %+.4f%n",
        variant, data, FREQUENCY, data - variant);

    assertThat(variant).as("the single-process run learns").isGreaterThan(0.6);
    assertThat(Math.abs(data - variant)).isLessThanOrEqualTo(TOLERANCE);
  }

  private static double meanFinalBalancedAccuracy(
      Path dir,
      String parallelism,
      String file,
      String header,
      String label,
      String hidden,
      String optimizer,
      double learningRate,
      int epochs)
      throws Exception {
    return meanFinalBalancedAccuracy(
        dir,
        parallelism,
        """
        name: %s
        data:
          path: %s
          %s
          label: %s
        model:
          hidden: %s
          activation: relu
        training:
          optimizer: %s
          learningRate: %s
          batchSize: 32
          epochs: %d
          normalizeInputs: standard
          seeds: 2
          workers: 2
          parallelism: %s
        fixes: []
        """
            .formatted(
                parallelism,
                SweepSpecFiles.DATA.resolve(file),
                header,
                label,
                hidden,
                optimizer,
                learningRate,
                epochs,
                parallelism));
  }

  /** The mean final validation balanced accuracy of the 2 seeds of the sweep {@code yaml}. */
  private static double meanFinalBalancedAccuracy(Path dir, String parallelism, String yaml)
      throws Exception {
    SweepSpec spec = SpecParser.parse(SweepSpecFiles.write(dir, parallelism + ".yaml", yaml));
    CollectingSink sink = new CollectingSink();
    SweepJob.run(LocalSpark.session(), spec, sink, null, new TrainingSettings(FREQUENCY, 0, 1));
    List<EpochTelemetry> finals =
        sink.records.stream().filter(r -> r.getStatus() == RunStatus.FINISHED).toList();
    assertThat(finals)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getTrainingMode()).isEqualTo(parallelism));
    return finals.stream()
        .mapToDouble(EpochTelemetry::getValBalancedAccuracy)
        .average()
        .orElseThrow();
  }
}
