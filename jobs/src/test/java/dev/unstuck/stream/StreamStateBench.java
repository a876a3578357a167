package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.wire.Codecs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;

/**
 * Benchmark of the stateful step alone ({@link SweepDiagnoser}, on Spark's test GroupState; no
 * broker, database or Spark job around it): what one micro-batch costs the diagnosis state as a
 * sweep grows. Per batch: restore the stored state, fold the batch's records, publish the diagnoses
 * of the runs that changed and the affected verdicts, store the state again.
 *
 * <ol>
 *   <li>replay: {@code -Dbench.runs} runs x {@code -Dbench.epochs} epochs, 20 runs per sweep, each
 *       sweep's records in one batch (the stream bench's replay without Kafka, Spark and
 *       PostgreSQL); records per second;
 *   <li>live: one sweep of {@code -Dbench.liveRuns} runs x {@code -Dbench.liveEpochs} epochs, one
 *       epoch of every run per batch; milliseconds per batch early and late in the sweep, the
 *       records per second over the sweep, and the bytes of the stored state at the end (with the
 *       bytes of its largest run's value).
 * </ol>
 *
 * Times are wall clock and, beside them, the CPU time of the benchmark's thread, which other load
 * on a shared machine disturbs far less. Run through {@code deploy/bench/stream-bench.sh
 * --state-only}.
 */
public final class StreamStateBench {
  private static final int RUNS_PER_SWEEP = 20;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    int runs = Integer.getInteger("bench.runs", 1000);
    int epochs = Integer.getInteger("bench.epochs", 100);
    int liveRuns = Integer.getInteger("bench.liveRuns", 200);
    int liveEpochs = Integer.getInteger("bench.liveEpochs", 500);
    replay(runs, epochs);
    live(liveRuns, liveEpochs);
  }

  static void replay(int runs, int epochs) {
    List<List<byte[]>> sweeps = new ArrayList<>();
    long records = 0;
    for (int s = 0; s < runs / RUNS_PER_SWEEP; s++) {
      List<byte[]> batch = new ArrayList<>();
      for (List<EpochTelemetry> run : StreamBench.sweep("replay-" + s, RUNS_PER_SWEEP, epochs)) {
        run.forEach(r -> batch.add(Codecs.TELEMETRY.encode(r)));
      }
      records += batch.size();
      sweeps.add(batch);
    }
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long outputs = 0;
    for (int s = 0; s < sweeps.size(); s++) {
      outputs += batch("replay-" + s, null, sweeps.get(s)).outputs;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long cpuMs = TimeUnit.NANOSECONDS.toMillis(THREADS.getCurrentThreadCpuTime() - cpuStart);
    System.out.printf(
        "STATE REPLAY %d runs x %d epochs (%d records, one batch per sweep of %d runs): %d ms, %.0f"
            + " records/s; CPU %d ms, %.0f records per CPU second; %d outputs%n",
        runs,
        epochs,
        records,
        RUNS_PER_SWEEP,
        ms,
        records * 1000.0 / Math.max(1, ms),
        cpuMs,
        records * 1000.0 / Math.max(1, cpuMs),
        outputs);
  }

  static void live(int runs, int epochs) {
    List<List<EpochTelemetry>> series = StreamBench.sweep("live", runs, epochs);
    SweepState state = null;
    long records = 0;
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    List<Long> batchMs = new ArrayList<>();
    List<Long> batchCpuUs = new ArrayList<>();
    int batches = series.get(0).size();
    for (int e = 0; e < batches; e++) {
      List<byte[]> batch = new ArrayList<>();
      for (List<EpochTelemetry> run : series) {
        if (e < run.size()) {
          batch.add(Codecs.TELEMETRY.encode(run.get(e)));
        }
      }
      records += batch.size();
      long t = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      state = batch("live", state, batch).state;
      batchMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
      batchCpuUs.add(TimeUnit.NANOSECONDS.toMicros(THREADS.getCurrentThreadCpuTime() - cpu));
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long cpuMs = TimeUnit.NANOSECONDS.toMillis(THREADS.getCurrentThreadCpuTime() - cpuStart);
    long bytes = 0;
    long largest = 0;
    for (byte[] value : state.getRecords()) {
      bytes += value.length;
      largest = Math.max(largest, value.length);
    }
    int tenth = Math.max(1, batches / 10);
    System.out.printf(
        "STATE LIVE %d runs x %d epochs, one epoch of every run per batch (%d batches, %d records):"
            + " %d ms, %.0f records/s; CPU %d ms, %.0f records per CPU second%n",
        runs,
        epochs,
        batches,
        records,
        ms,
        records * 1000.0 / Math.max(1, ms),
        cpuMs,
        records * 1000.0 / Math.max(1, cpuMs));
    System.out.printf(
        "  per batch, first tenth: %.1f ms (CPU %.1f ms); last tenth: %.1f ms (CPU %.1f ms)%n",
        mean(batchMs.subList(0, tenth)),
        mean(batchCpuUs.subList(0, tenth)) / 1000,
        mean(batchMs.subList(batches - tenth, batches)),
        mean(batchCpuUs.subList(batches - tenth, batches)) / 1000);
    System.out.printf(
        "  stored state at the end: %d bytes in %d values (largest %d bytes, %d bytes per run)%n",
        bytes, state.getRecords().size(), largest, bytes / runs);
  }

  private record Batch(SweepState state, long outputs) {}

  private static Batch batch(String key, SweepState stored, List<byte[]> payloads) {
    TestGroupState<SweepState> state =
        TestGroupState.create(
            Optional.ofNullable(stored),
            GroupStateTimeout.ProcessingTimeTimeout(),
            0L,
            Optional.empty(),
            false);
    List<TelemetryPayload> batch = new ArrayList<>(payloads.size());
    payloads.forEach(p -> batch.add(new TelemetryPayload(key, "", p)));
    Iterator<DiagnosisOutput> out =
        new SweepDiagnoser(3_600_000).call(key, batch.iterator(), state);
    long outputs = 0;
    while (out.hasNext()) {
      out.next();
      outputs++;
    }
    return new Batch(state.get(), outputs);
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
  }
}
