package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.Variant;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.DiagnosisMapper;
import dev.unstuck.wire.DiagnosisMapper.FixRef;
import dev.unstuck.wire.DiagnosisMapper.RunRef;
import dev.unstuck.wire.RunTelemetry;
import dev.unstuck.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oracle for {@link SweepRuns}: the stream state as it was before run summaries (main at
 * 2da4a65, unchanged but for its name and visibility), which kept every raw record and re-diagnosed
 * every run, every fix's verdict and every prefix of a run from them on each call. {@code
 * SweepRunsIncrementalTest} checks that the state kept as run summaries, restored batch after
 * batch, answers exactly as this does.
 */
final class RecordKeepingSweepRuns {
  private final String sweepId;
  private final String executionId;
  private final Map<String, RunTelemetry<byte[]>> runs = new TreeMap<>();
  private final RunDiagnoser diagnoser;
  private final FixJudge judge;
  private final List<SetAside> setAside = new ArrayList<>();

  /** A stored record that could not be read back, and why. */
  public record SetAside(byte[] bytes, WireFormatException.Reason reason, String message) {}

  /**
   * The runs of a sweep's telemetry without an execution id (producers before it): the execution
   * {@code ""}.
   */
  RecordKeepingSweepRuns(String sweepId, Thresholds thresholds) {
    this(sweepId, "", thresholds);
  }

  RecordKeepingSweepRuns(String sweepId, String executionId, Thresholds thresholds) {
    this.sweepId = sweepId;
    this.executionId = executionId;
    this.diagnoser = new RunDiagnoser(thresholds);
    this.judge = new FixJudge(thresholds);
  }

  /** As {@link #restore(SweepState, String, Thresholds)}, for the execution {@code ""}. */
  static RecordKeepingSweepRuns restore(SweepState state, Thresholds thresholds) {
    return restore(state, "", thresholds);
  }

  /**
   * The working form of a stored state of execution {@code executionId}, written by this job or an
   * earlier release (any published schema; a release before execution ids kept the execution {@code
   * ""} under the sweep id alone). Records it cannot read are left out and listed by {@link
   * #setAside()}; {@link #toState()} no longer holds them.
   */
  static RecordKeepingSweepRuns restore(
      SweepState state, String executionId, Thresholds thresholds) {
    RecordKeepingSweepRuns sweep =
        new RecordKeepingSweepRuns(state.getSweepId(), executionId, thresholds);
    for (byte[] bytes : state.getRecords()) {
      EpochTelemetry record;
      try {
        record = Codecs.TELEMETRY.decode(bytes);
      } catch (WireFormatException e) {
        sweep.setAside.add(new SetAside(bytes, e.reason(), e.getMessage()));
        continue;
      }
      sweep
          .runs
          .computeIfAbsent(record.getRunId(), id -> new RunTelemetry<>())
          .accept(record, bytes);
    }
    return sweep;
  }

  /** Stored records {@link #restore} could not read, in stored order. */
  public List<SetAside> setAside() {
    return List.copyOf(setAside);
  }

  /** The form the state store keeps. */
  public SweepState toState() {
    List<byte[]> records = new ArrayList<>();
    runs.values().forEach(run -> run.payloads().forEach(records::add));
    return new SweepState(sweepId, records);
  }

  public String sweepId() {
    return sweepId;
  }

  public String executionId() {
    return executionId;
  }

  /** Run ids known so far. */
  public Set<String> runIds() {
    return runs.keySet();
  }

  /** Records held (one per run and epoch). */
  public int size() {
    return runs.values().stream().mapToInt(RunTelemetry::size).sum();
  }

  /**
   * Applies one record (decoded {@code record}, its wire bytes {@code bytes}); true when it changed
   * what is known about its run, false for a duplicate or a late copy.
   */
  public boolean accept(EpochTelemetry record, byte[] bytes) {
    if (!sweepId.equals(record.getSweepId()) || !executionId.equals(record.getExecutionId())) {
      throw new IllegalArgumentException(
          "record of sweep "
              + record.getSweepId()
              + " execution '"
              + record.getExecutionId()
              + "' offered to "
              + sweepId
              + " execution '"
              + executionId
              + "'");
    }
    return runs.computeIfAbsent(record.getRunId(), id -> new RunTelemetry<>())
        .accept(record, bytes);
  }

  /** The current diagnosis of each of {@code runIds}. */
  public List<RunDiagnosis> diagnoses(Collection<String> runIds, long nowMs) {
    List<RunDiagnosis> diagnoses = new ArrayList<>();
    for (String runId : new TreeSet<>(runIds)) {
      RunTelemetry<byte[]> run = runs.get(runId);
      if (run == null || run.isEmpty()) {
        continue;
      }
      EpochTelemetry last = run.last().orElseThrow();
      RunRef ref =
          new RunRef(
              sweepId,
              executionId,
              runId,
              last.getVariantId(),
              last.getFixFamily(),
              last.getSeed());
      List<EpochMetrics> series = run.series();
      diagnoses.add(
          series.isEmpty()
              ? withoutEpochs(ref, last, nowMs)
              : DiagnosisMapper.toAvro(ref, diagnoser.diagnose(series), nowMs));
    }
    return diagnoses;
  }

  /**
   * Verdicts of every fix variant affected by a change to {@code changedRunIds}: all of them when a
   * baseline run changed, else those whose runs changed. One row per baseline symptom
   * (DiagnosisMapper); nothing for a variant without a seed in common with the baseline yet.
   */
  public List<FixVerdict> verdicts(Collection<String> changedRunIds, long nowMs) {
    Map<String, List<EpochTelemetry>> lastByVariant = new TreeMap<>();
    Map<String, List<RunHistory>> historiesByVariant = new TreeMap<>();
    int plannedSeeds = 0;
    for (RunTelemetry<byte[]> run : runs.values()) {
      EpochTelemetry last = run.last().orElseThrow();
      lastByVariant.computeIfAbsent(last.getVariantId(), v -> new ArrayList<>()).add(last);
      plannedSeeds = Math.max(plannedSeeds, last.getPlannedSeeds());
      // a run that failed before its first epoch has nothing to compare, but it has ended: it
      // counts for "final"
      historiesByVariant
          .computeIfAbsent(last.getVariantId(), v -> new ArrayList<>())
          .add(new RunHistory(last.getSeed(), run.series(), run.ended()));
    }
    Set<String> affected = new TreeSet<>();
    boolean baselineChanged = false;
    for (String runId : changedRunIds) {
      RunTelemetry<byte[]> run = runs.get(runId);
      if (run != null && !run.isEmpty()) {
        EpochTelemetry record = run.last().orElseThrow();
        baselineChanged |= isBaseline(record);
        affected.add(record.getVariantId());
      }
    }
    if (baselineChanged) {
      affected.addAll(lastByVariant.keySet());
    }
    List<RunHistory> baseline =
        lastByVariant.entrySet().stream()
            .filter(e -> e.getValue().stream().anyMatch(RecordKeepingSweepRuns::isBaseline))
            .findFirst()
            .map(e -> historiesByVariant.getOrDefault(e.getKey(), List.of()))
            .orElse(List.of());
    List<FixVerdict> verdicts = new ArrayList<>();
    if (baseline.isEmpty()) {
      return verdicts;
    }
    for (String variantId : affected) {
      EpochTelemetry any = lastByVariant.get(variantId).get(0);
      if (isBaseline(any) || Variant.isProbeId(variantId)) {
        continue; // neither the baseline nor a label-permutation probe is a fix: no verdict (the
        // launcher's
        // PlannedRuns waits for none by the same test)
      }
      List<RunHistory> fix = historiesByVariant.getOrDefault(variantId, List.of());
      FixRef ref =
          new FixRef(sweepId, executionId, variantId, any.getFixFamily(), any.getFixParams());
      judge
          .judge(baseline, fix, plannedSeeds)
          .ifPresent(j -> verdicts.addAll(DiagnosisMapper.toAvro(ref, j, nowMs)));
    }
    return verdicts;
  }

  static boolean isBaseline(EpochTelemetry record) {
    return Variant.BASELINE_ID.equals(record.getVariantId())
        || FixFamily.BASELINE.name().equals(record.getFixFamily());
  }

  static boolean terminal(EpochTelemetry record) {
    return RunTelemetry.terminal(record);
  }

  /**
   * A run with a status but no measured epoch (it failed while starting): nothing to diagnose but
   * its end.
   */
  private static RunDiagnosis withoutEpochs(RunRef ref, EpochTelemetry last, long nowMs) {
    return RunDiagnosis.newBuilder()
        .setSweepId(ref.sweepId())
        .setExecutionId(ref.executionId())
        .setRunId(ref.runId())
        .setVariantId(ref.variantId())
        .setFixFamily(ref.fixFamily())
        .setSeed(ref.seed())
        .setEpoch(last.getEpoch())
        .setStatus(last.getStatus().name())
        .setLearningState(
            last.getStatus() == RunStatus.FAILED ? LearningState.FAILED : LearningState.UNKNOWN)
        .setValBalancedAccuracy(null)
        .setSymptoms(List.of())
        .setFinalDiagnosis(terminal(last))
        .setTimestampMs(nowMs)
        .build();
  }
}
