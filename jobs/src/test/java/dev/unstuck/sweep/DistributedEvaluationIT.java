package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits too large for the driver are scored with DL4J's Spark evaluation over the whole split: the
 * scores equal those the driver computes when it holds the whole split.
 */
class DistributedEvaluationIT {

  @Test
  void largeSplitsAreScoredOnTheExecutorsWithTheSameResult(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec spec = SpecParser.parse(SweepSpecFiles.divergingDigits(dir, 2, 1));
    EncodedData data = DatasetLoader.load(spark, spec.data());

    List<EpochTelemetry> onDriver = fixRun(spark, spec, new VariantData(data, 0.2, 7));
    // 1,438 training and 359 validation rows: with a limit of 200 the driver only holds samples
    List<EpochTelemetry> onExecutors = fixRun(spark, spec, new VariantData(data, 0.2, 7, 200));

    assertThat(onExecutors).hasSameSizeAs(onDriver).hasSize(3);
    for (int i = 0; i < onDriver.size(); i++) {
      assertThat(onExecutors.get(i).getValBalancedAccuracy())
          .isEqualTo(onDriver.get(i).getValBalancedAccuracy());
      assertThat(onExecutors.get(i).getValAccuracy()).isEqualTo(onDriver.get(i).getValAccuracy());
      assertThat(onExecutors.get(i).getTrainAccuracy())
          .isEqualTo(onDriver.get(i).getTrainAccuracy());
      assertThat(onExecutors.get(i).getValPerClassRecall())
          .isEqualTo(onDriver.get(i).getValPerClassRecall());
    }
  }

  private static List<EpochTelemetry> fixRun(SparkSession spark, SweepSpec spec, VariantData data) {
    CollectingSink sink = new CollectingSink();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TelemetrySink driverSink = sink.open();
    new SweepRunner(
            jsc, new DataParallelTrainer(jsc, driverSink, TrainingSettings.DEFAULTS), driverSink)
        .run(SweepExpander.expand(spec), data::inputsFor, 2, RunProgress.NONE);
    return sink.records.stream().filter(r -> r.getRunId().endsWith("lr-x0.01/seed-1")).toList();
  }
}
