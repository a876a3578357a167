package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that crashes inside real DL4J training is recorded as FAILED and the rest of the sweep goes
 * on, in both training modes: inside the Spark task that trains a run whole, and in data-parallel
 * training.
 */
class SweepRunnerIT {

  @ParameterizedTest
  @ValueSource(strings = {"variant", "data"})
  void aCrashingVariantIsRecordedAndTheSweepGoesOn(String mode, @TempDir Path dir)
      throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "crash.yaml",
                """
        name: crash
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [16]
        training:
          optimizer: adam
          learningRate: 0.01
          batchSize: 64
          epochs: 2
          normalizeInputs: standard
          seeds: 1
          workers: 2
        fixes:
          - batchSize: [x0.5]
        """
                    .formatted(SweepSpecFiles.DATA.resolve("digits.csv.gz"))));
    EncodedData data = DatasetLoader.load(spark, spec.data());
    VariantData variantData = new VariantData(data, 0.2, 7);
    // the batch-x0.5 variant gets a network one input wider than its data: DL4J throws where it
    // trains
    Function<TrainingSpec, VariantInputs> inputs =
        training -> {
          VariantInputs real = variantData.inputsFor(training);
          return training.batchSize() == 32 ? withWidth(real, real.numFeatures() + 1) : real;
        };
    SweepPlan plan = SweepExpander.expand(spec);
    CollectingSink sink = new CollectingSink();

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TelemetrySink driverSink = sink.open();
    RunTrainer trainer =
        mode.equals("data")
            ? new DataParallelTrainer(jsc, driverSink, TrainingSettings.DEFAULTS)
            : new VariantParallelTrainer(jsc, sink, driverSink, TrainingSettings.DEFAULTS);

    SweepResult result =
        new SweepRunner(jsc, trainer, driverSink).run(plan, inputs, 2, RunProgress.NONE);

    assertThat(result.outcomes())
        .extracting(RunOutcome::runId, RunOutcome::status)
        .containsExactlyInAnyOrder(
            Tuple.tuple("crash/baseline/seed-1", TrainingStatus.FINISHED),
            Tuple.tuple("crash/batch-x0.5/seed-1", TrainingStatus.FAILED));
    assertThat(result.allReachedFinalState()).isFalse();
    assertThat(result.summary()).contains("did not reach a final state: crash/batch-x0.5/seed-1");
    List<EpochTelemetry> failed =
        sink.records.stream().filter(r -> r.getRunId().equals("crash/batch-x0.5/seed-1")).toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.get(0).getErrorMessage()).isNotBlank();
    assertThat(sink.records.stream().filter(r -> r.getRunId().equals("crash/baseline/seed-1")))
        .extracting(EpochTelemetry::getStatus)
        .containsExactly(RunStatus.RUNNING, RunStatus.RUNNING, RunStatus.FINISHED);
  }

  private static VariantInputs withWidth(VariantInputs real, int width) {
    DataFacts facts = real.facts();
    return new VariantInputs(
        real.trainRows(),
        real.train(),
        real.validation(),
        real.probe(),
        new DataFacts(
            width,
            facts.classLabels(),
            facts.trainExamples(),
            facts.majorityClassRate(),
            facts.classWeights(),
            facts.inputStats()),
        real.largeSplits());
  }
}
