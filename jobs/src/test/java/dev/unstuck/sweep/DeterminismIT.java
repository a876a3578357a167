package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same spec and seed, same result: split, initialisation and shuffling are all seeded. */
class DeterminismIT {

  @Test
  void theSameSweepTwiceGivesTheSameMetrics(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec spec = SpecParser.parse(SweepSpecFiles.divergingDigits(dir, 2, 1));

    List<String> first = metrics(spark, spec);
    List<String> second = metrics(spark, spec);

    assertThat(first).hasSize(6); // 2 runs x (2 epochs + terminal)
    assertThat(second).isEqualTo(first);
  }

  private static List<String> metrics(SparkSession spark, SweepSpec spec) {
    CollectingSink sink = new CollectingSink();
    SweepJob.run(spark, spec, sink, null, TrainingSettings.DEFAULTS);
    return sink.records.stream()
        .sorted(
            Comparator.comparing(EpochTelemetry::getRunId)
                .thenComparing(EpochTelemetry::getEpoch)
                .thenComparing(r -> r.getStatus().ordinal()))
        .map(
            r ->
                r.getRunId()
                    + " "
                    + r.getEpoch()
                    + " "
                    + r.getStatus()
                    + " "
                    + r.getTrainLoss()
                    + " "
                    + r.getValBalancedAccuracy()
                    + " "
                    + r.getLayers().stream().map(l -> l.getWeightMean()).toList())
        .toList();
  }
}
