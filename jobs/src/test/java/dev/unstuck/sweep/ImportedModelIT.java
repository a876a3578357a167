package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.data.DataException;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.PlainDl4j;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose baseline is the user's own Keras model ({@code models/keras-dense-digits.json}) on
 * the shipped digits, with a learning rate far too high from the spec: the sweep diagnoses it and
 * the learning-rate fix resolves it, and every run's numbers are those of the same network built
 * with DL4J's builders and trained by plain DL4J.
 */
class ImportedModelIT {
  private static final Path KERAS = ImportedNetworkTest.MODELS.resolve("keras-dense-digits.json");

  /**
   * @param data the lines under {@code data:}
   */
  private static Path spec(Path dir, String name, String model, String data) {
    return SweepSpecFiles.write(
        dir,
        name + ".yaml",
        """
        name: %s
        data:
          %s
        model:
          %s
        training:
          optimizer: sgd
          learningRate: 10
          batchSize: 32
          normalizeInputs: standard
          epochs: 4
          seeds: 2
          parallelism: variant
        fixes:
          - learningRate: [x0.01]
        """
            .formatted(name, data.indent(2).strip(), model));
  }

  @Test
  void anImportedKerasModelIsDiagnosedAndFixedAsPlainDl4jTrainsIt(@TempDir Path dir)
      throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep =
        SpecParser.parse(
            spec(
                dir,
                "keras-digits",
                "keras: " + KERAS,
                "path: "
                    + SweepSpecFiles.DATA.resolve("digits.csv.gz")
                    + "\nheader: false\nlabel: last"));
    CollectingSink sink = new CollectingSink();

    SweepResult result = SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    VariantData data =
        new VariantData(
            DatasetLoader.load(spark, sweep.data()),
            sweep.data().validation(),
            sweep.data().splitSeed());
    for (PlannedRun run : SweepExpander.expand(sweep).runs()) {
      TrainingSpec training = run.variant().config().training();
      VariantInputs inputs = data.inputsFor(training);
      PlainDl4j.Result reference =
          PlainDl4j.train(
              KerasDigitsReference.network(training.learningRate(), run.seed()),
              inputs.train(),
              inputs.validation(),
              training.batchSize(),
              run.seed(),
              training.epochs());
      EpochTelemetry last = TrainingFidelityIT.last(sink.records, run.runId());
      System.out.printf(
          "%s: sweep %.4f, plain DL4J %.4f (loss %s / %s)%n",
          run.runId(),
          last.getValBalancedAccuracy(),
          reference.validationBalancedAccuracy(),
          last.getTrainLoss(),
          reference.trainLoss());
      if (run.variant().isBaseline()) {
        assertThat(reference.trainLoss()).as("plain DL4J: at rate 10 the loss blows up").isNaN();
        assertThat(last.getStatus()).as(run.runId()).isEqualTo(RunStatus.DIVERGED);
      } else {
        assertThat(reference.validationBalancedAccuracy())
            .as("plain DL4J: rate 0.1 learns")
            .isGreaterThan(0.85);
        assertThat(last.getValBalancedAccuracy())
            .as(run.runId())
            .isCloseTo(reference.validationBalancedAccuracy(), within(1e-9));
        assertThat(last.getTrainLoss())
            .as(run.runId())
            .isCloseTo(reference.trainLoss(), within(1e-6));
      }
    }
    Verdicts verdicts = new Verdicts(sink.records);
    System.out.printf(
        "baseline %s; lr-x0.01 %s%n", verdicts.baselineSymptoms(), verdicts.judge("lr-x0.01"));
    assertThat(verdicts.baselineLearning()).isFalse();
    assertThat(verdicts.baselineSymptoms()).contains(Symptom.DIVERGING);
    assertThat(verdicts.resolvedBy("lr-x0.01")).contains(Symptom.DIVERGING);
  }

  /**
   * The Keras CNN on digits as 8x8 images: every run's numbers are those of the same CNN in plain
   * DL4J.
   */
  @Test
  void anImportedKerasCnnTrainsOnImageRowsAsPlainDl4jTrainsIt(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "keras-cnn.yaml",
                """
        name: keras-cnn
        data:
          path: %s
          header: false
          label: last
          shape: [8, 8, 1]
        model:
          keras: %s
        training:
          optimizer: sgd
          learningRate: 0.1
          batchSize: 32
          normalizeInputs: standard
          epochs: 3
          seeds: 1
          parallelism: variant
        fixes:
          - learningRate: [x0.1]
        """
                    .formatted(
                        SweepSpecFiles.DATA.resolve("digits.csv.gz"),
                        ImportedNetworkTest.MODELS.resolve("keras-cnn-digits.json"))));
    CollectingSink sink = new CollectingSink();

    SweepResult result = SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    VariantData data =
        new VariantData(
            DatasetLoader.load(spark, sweep.data()),
            sweep.data().validation(),
            sweep.data().splitSeed());
    for (PlannedRun run : SweepExpander.expand(sweep).runs()) {
      TrainingSpec training = run.variant().config().training();
      VariantInputs inputs = data.inputsFor(training);
      PlainDl4j.Result reference =
          PlainDl4j.train(
              KerasDigitsReference.cnn(training.learningRate(), run.seed()),
              inputs.train(),
              inputs.validation(),
              training.batchSize(),
              run.seed(),
              training.epochs());
      EpochTelemetry last = TrainingFidelityIT.last(sink.records, run.runId());
      System.out.printf(
          "%s: sweep %.4f, plain DL4J %.4f (loss %s / %s)%n",
          run.runId(),
          last.getValBalancedAccuracy(),
          reference.validationBalancedAccuracy(),
          last.getTrainLoss(),
          reference.trainLoss());
      assertThat(last.getValBalancedAccuracy())
          .as(run.runId())
          .isCloseTo(reference.validationBalancedAccuracy(), within(1e-9));
      assertThat(last.getTrainLoss())
          .as(run.runId())
          .isCloseTo(reference.trainLoss(), within(1e-6));
    }
  }

  /**
   * The same MultiLayerConfiguration goes to DL4J's Spark training master: an imported network
   * trains data-parallel.
   */
  @Test
  void anImportedDl4jNetworkTrainsDataParallel(@TempDir Path dir) throws Exception {
    trainedDataParallel(dir, ImportedNetworkTest.MODELS.resolve("dl4j-dense-digits.json"));
  }

  /**
   * A sweep of the DL4J file {@code model} on the digits (a baseline and an l2 fix, data-parallel
   * on 2 workers, 3 epochs): every run trained data-parallel to its end and learned. The last
   * record of each run.
   */
  static List<EpochTelemetry> trainedDataParallel(Path dir, Path model) throws Exception {
    SweepSpec sweep =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "dl4j-data-parallel.yaml",
                """
        name: dl4j-data-parallel
        data:
          path: %s
          header: false
          label: last
        model:
          dl4j: %s
        training:
          optimizer: adam
          learningRate: 0.01
          batchSize: 32
          normalizeInputs: standard
          epochs: 3
          seeds: 1
          workers: 2
          parallelism: data
        fixes:
          - l2: [1e-4]
        """
                    .formatted(SweepSpecFiles.DATA.resolve("digits.csv.gz"), model)));
    CollectingSink sink = new CollectingSink();

    SweepResult result =
        SweepJob.run(LocalSpark.session(), sweep, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    List<EpochTelemetry> lasts = new ArrayList<>();
    for (PlannedRun run : SweepExpander.expand(sweep).runs()) {
      EpochTelemetry last = TrainingFidelityIT.last(sink.records, run.runId());
      System.out.printf(
          "%s: %s, epoch %d, balanced accuracy %.4f%n",
          run.runId(), last.getTrainingMode(), last.getEpoch(), last.getValBalancedAccuracy());
      assertThat(last.getTrainingMode()).isEqualTo("data");
      assertThat(last.getStatus()).isEqualTo(RunStatus.FINISHED);
      assertThat(last.getEpoch()).isEqualTo(3);
      assertThat(last.getValBalancedAccuracy()).as(run.runId()).isGreaterThan(0.8);
      lasts.add(last);
    }
    return lasts;
  }

  @Test
  void aModelForOtherDataIsOneErrorBeforeAnythingTrains(@TempDir Path dir) throws Exception {
    // the digits network (64 inputs, 10 classes) on wine (13 columns, 3 classes)
    SweepSpec sweep =
        SpecParser.parse(
            spec(
                dir,
                "keras-wine",
                "keras: " + KERAS,
                "path: " + SweepSpecFiles.DATA.resolve("wine.csv.gz") + "\nlabel: label"));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(
            () -> SweepJob.run(LocalSpark.session(), sweep, sink, null, TrainingSettings.DEFAULTS))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "model.keras: layer 0 (DenseLayer 'hidden') takes 64 inputs (nIn), but the data has 13 feature"
                + " columns");
    assertThat(sink.records).as("nothing trained").isEmpty();
  }
}
