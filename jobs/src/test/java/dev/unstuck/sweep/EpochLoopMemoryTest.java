package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run that runs out of memory: ND4J's off-heap allocator refusing is the run's failure and the
 * sweep goes on; an exhausted Java heap is recorded and then ends the JVM's work.
 */
class EpochLoopMemoryTest {
  private static final RunLabel LABEL =
      new RunLabel("s", "e", "s/baseline/seed-1", "baseline", "BASELINE", Map.of(), 1, 5, 1);

  /** The messages JavaCPP 1.5.7's Pointer builds when it refuses an allocation. */
  private static final String JAVACPP_LIMIT =
      "Failed to allocate memory within limits: totalBytes (1G + 64M) > maxBytes (1G)";

  private final List<EpochTelemetry> published = new ArrayList<>();
  private final TelemetrySink sink =
      new TelemetrySink() {
        @Override
        public void publish(EpochTelemetry record) {
          published.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private TrainedRun runThatThrows(OutOfMemoryError error) {
    return new EpochLoop(sink, RunProgress.NONE)
        .run(
            LABEL,
            TrainingLayout.variantParallel(32),
            training(),
            () -> {
              throw error;
            });
  }

  private static TrainingSpec training() {
    try {
      return SpecParser.parse(
              """
          name: oom
          data:
            path: unused.csv
            label: last
          training:
            epochs: 5
          """,
              "test",
              Optional.empty())
          .baseline()
          .training();
    } catch (SpecException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anOffHeapRefusalFailsTheRunWithAdviceAndTheSweepGoesOn() {
    TrainedRun run = runThatThrows(new OutOfMemoryError(JAVACPP_LIMIT));

    assertThat(run.outcome().status()).isEqualTo(TrainingStatus.FAILED);
    assertThat(run.outcome().message())
        .startsWith("OutOfMemoryError: " + JAVACPP_LIMIT)
        .contains("spark.executor.memoryOverhead");
    assertThat(published)
        .singleElement()
        .satisfies(r -> assertThat(r.getStatus()).isEqualTo(RunStatus.FAILED));
  }

  @Test
  void anExhaustedHeapIsPublishedAsTheRunsFailureAndThrownOn() {
    OutOfMemoryError heap = new OutOfMemoryError("Java heap space");

    assertThatThrownBy(() -> runThatThrows(heap)).isSameAs(heap);

    assertThat(published)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(RunStatus.FAILED);
              assertThat(r.getErrorMessage()).contains("Java heap space", "spark.driver.memory");
            });
  }

  @Test
  void javaCppsPhysicalLimitAndDirectBuffersAreOffHeapEverythingElseIsHeap() {
    assertThat(
            MemoryExhaustion.of(
                new OutOfMemoryError(
                    "Physical memory usage is too high: physicalBytes (9G) > maxPhysicalBytes (8G)")))
        .isEqualTo(MemoryExhaustion.OFF_HEAP);
    assertThat(MemoryExhaustion.of(new OutOfMemoryError("Direct buffer memory")))
        .isEqualTo(MemoryExhaustion.OFF_HEAP);
    assertThat(MemoryExhaustion.of(new OutOfMemoryError("GC overhead limit exceeded")))
        .isEqualTo(MemoryExhaustion.HEAP);
    assertThat(MemoryExhaustion.of(new OutOfMemoryError())).isEqualTo(MemoryExhaustion.HEAP);
  }
}
