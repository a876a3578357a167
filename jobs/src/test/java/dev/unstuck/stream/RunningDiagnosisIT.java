package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up and shutdown of the running stream with real Spark queries (a rate source, a no-op
 * sink).
 */
class RunningDiagnosisIT {

  private static StreamingQuery rateQuery(SparkSession spark, Path checkpoint) {
    try {
      return spark
          .readStream()
          .format("rate")
          .option("rowsPerSecond", 1)
          .load()
          .writeStream()
          .format("noop")
          .option("checkpointLocation", checkpoint.toString())
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStartUpThatFailsPartWayStopsTheQueriesItStartedAndClosesItsResources(@TempDir Path dir) {
    SparkSession spark = StreamTestSpark.get();
    StreamSettings settings =
        DiagnosisStreamJob.fromArgs(
                new String[] {
                  "--bootstrap-servers",
                  "k:9092",
                  "--jdbc-url",
                  "jdbc:postgresql://db:5432/unstuck",
                  "--checkpoint",
                  dir.toString()
                })
            .settings();
    AtomicReference<StreamingQuery> first = new AtomicReference<>();
    Map<String, RunningDiagnosis.QueryStarter> starters = new LinkedHashMap<>();
    starters.put(
        "first",
        () -> {
          first.set(rateQuery(spark, dir.resolve("first")));
          return first.get();
        });
    starters.put(
        "second",
        () -> {
          throw new IllegalStateException("the second query cannot start");
        });
    AtomicBoolean closed = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                new RunningDiagnosis(
                    starters, settings, new StreamCounters(), List.of(() -> closed.set(true))))
        .hasMessage("the second query cannot start");

    assertThat(first.get()).isNotNull();
    assertThat(first.get().isActive()).as("the query that did start").isFalse();
    assertThat(closed).as("the producer and stores").isTrue();
  }
}
