package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.RecordKeys;
import dev.unstuck.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful step, per execution of a sweep (the group key, {@link RecordKeys#sweepExecution}):
 * folds the micro-batch's records into the sweep's state and emits, for the runs that changed,
 * their diagnosis, and for the fix variants affected, their verdict rows. A sweep that receives
 * nothing for the state timeout is dropped from the state store (finished or abandoned). A stored
 * record the restored state cannot read ({@link SweepRuns#setAside()}) goes out once as a {@link
 * DiagnosisOutput#DEAD_LETTER} and leaves the state.
 *
 * <p>The thresholds travel with the function to the executors ({@code --threshold name=value} on
 * the job).
 */
public final class SweepDiagnoser
    implements FlatMapGroupsWithStateFunction<
        String, TelemetryPayload, SweepState, DiagnosisOutput> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SweepDiagnoser.class);

  private final long stateTimeoutMs;
  private final Thresholds thresholds;

  public SweepDiagnoser(long stateTimeoutMs) {
    this(stateTimeoutMs, Thresholds.DEFAULTS);
  }

  public SweepDiagnoser(long stateTimeoutMs, Thresholds thresholds) {
    this.thresholds = thresholds;
    if (stateTimeoutMs <= 0) {
      throw new IllegalArgumentException(
          "state timeout must be > 0, got " + stateTimeoutMs + " ms");
    }
    this.stateTimeoutMs = stateTimeoutMs;
  }

  @Override
  public Iterator<DiagnosisOutput> call(
      String sweepExecution, Iterator<TelemetryPayload> records, GroupState<SweepState> state) {
    String sweepId = RecordKeys.sweepOf(sweepExecution);
    String executionId = RecordKeys.executionOf(sweepExecution);
    if (state.hasTimedOut()) {
      LOG.info(
          "sweep {}: no telemetry for {} ms, dropping its state ({} stored runs)",
          sweepId,
          stateTimeoutMs,
          state.exists() ? state.get().getRecords().size() : 0);
      state.remove();
      return Collections.emptyIterator();
    }
    SweepRuns sweep =
        state.exists()
            ? SweepRuns.restore(state.get(), executionId, thresholds)
            : new SweepRuns(sweepId, executionId, thresholds);
    List<DiagnosisOutput> out = new ArrayList<>();
    for (SweepRuns.SetAside unreadable : sweep.setAside()) {
      LOG.warn(
          "sweep {}: a stored record cannot be read back, sent to the dead-letter topic: {}",
          sweepId,
          unreadable.message());
      out.add(
          new DiagnosisOutput(
              DiagnosisOutput.DEAD_LETTER,
              sweepExecution,
              unreadable.bytes(),
              unreadable.reason().name()));
    }
    Set<String> changed = new TreeSet<>();
    while (records.hasNext()) {
      byte[] bytes = records.next().getPayload();
      EpochTelemetry record;
      try {
        record = Codecs.TELEMETRY.decode(bytes);
      } catch (WireFormatException e) {
        // cannot happen for records that passed the decode step; never worth failing the stream
        // over
        LOG.warn("sweep {}: skipping a record the state cannot read: {}", sweepId, e.getMessage());
        continue;
      }
      if (sweep.accept(record, bytes)) {
        changed.add(record.getRunId());
      }
    }
    state.setTimeoutDuration(stateTimeoutMs);
    if (changed.isEmpty() && out.isEmpty()) {
      return Collections.emptyIterator();
    }
    state.update(sweep.toState());
    out.addAll(outputs(sweep, changed, System.currentTimeMillis()));
    return out.iterator();
  }

  /**
   * What a change to {@code changed} runs publishes: their diagnoses, then the affected verdicts.
   */
  static List<DiagnosisOutput> outputs(SweepRuns sweep, Set<String> changed, long nowMs) {
    List<DiagnosisOutput> out = new ArrayList<>();
    for (RunDiagnosis diagnosis : sweep.diagnoses(changed, nowMs)) {
      out.add(
          new DiagnosisOutput(
              DiagnosisOutput.RUN_DIAGNOSIS,
              RecordKeys.diagnosis(diagnosis),
              Codecs.RUN_DIAGNOSIS.encode(diagnosis)));
    }
    for (FixVerdict verdict : sweep.verdicts(changed, nowMs)) {
      out.add(
          new DiagnosisOutput(
              DiagnosisOutput.FIX_VERDICT,
              RecordKeys.verdict(verdict),
              Codecs.FIX_VERDICT.encode(verdict)));
    }
    return out;
  }
}
