package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.PlainDl4j;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variant-parallel training on Spark is the user's own training: every run's final metrics equal
 * those of plain single-process DL4J ({@link PlainDl4j}, which shares none of the sweep's training
 * code) on the same split, network and seed.
 */
class TrainingFidelityIT {

  @Test
  void aRunTrainedInOneTaskEqualsPlainSingleProcessDl4j(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "fidelity.yaml",
                """
        name: fidelity
        data:
          path: %s
          label: class
        model:
          hidden: [16]
          activation: relu
        training:
          optimizer: adam
          learningRate: 0.01
          batchSize: 32
          epochs: 5
          normalizeInputs: standard
          seeds: 2
          parallelism: variant
        fixes:
          - resample: [oversample]
          - l2: [0.01]
        """
                    .formatted(SweepSpecFiles.DATA.resolve("diabetes.csv.gz"))));
    CollectingSink sink = new CollectingSink();

    SweepResult result = SweepJob.run(spark, spec, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    EncodedData data = DatasetLoader.load(spark, spec.data());
    VariantData variantData =
        new VariantData(data, spec.data().validation(), spec.data().splitSeed());
    List<PlannedRun> runs = SweepExpander.expand(spec).runs();
    assertThat(runs).hasSize(6);
    for (PlannedRun run : runs) {
      TrainingSpec training = run.variant().config().training();
      VariantInputs inputs = variantData.inputsFor(training);
      PlainDl4j.Result reference =
          PlainDl4j.train(
              NetworkFactory.configuration(
                  run.variant().config(),
                  inputs.numFeatures(),
                  inputs.numClasses(),
                  run.seed(),
                  training.resample() == Resampling.CLASS_WEIGHTS ? inputs.classWeights() : null),
              inputs.train(),
              inputs.validation(),
              training.batchSize(),
              run.seed(),
              training.epochs());
      EpochTelemetry last = last(sink.records, run.runId());

      assertThat(last.getEpoch()).isEqualTo(5);
      assertThat(last.getTrainingMode()).isEqualTo("variant");
      assertThat(last.getGlobalBatchSize()).isEqualTo(32);
      assertThat(last.getValBalancedAccuracy())
          .as(run.runId())
          .isCloseTo(reference.validationBalancedAccuracy(), within(1e-9));
      // the loss of the data alone, also for the L2 fix (net.score would add the penalty); 1e-6:
      // the network
      // computes in 32-bit floats, the reference sums its cross-entropy in doubles
      assertThat(last.getTrainLoss())
          .as(run.runId())
          .isCloseTo(reference.trainLoss(), within(1e-6));
    }
  }

  static EpochTelemetry last(List<EpochTelemetry> records, String runId) {
    return records.stream()
        .filter(r -> r.getRunId().equals(runId))
        .filter(r -> r.getStatus() != RunStatus.RUNNING)
        .findFirst()
        .orElseThrow();
  }
}
