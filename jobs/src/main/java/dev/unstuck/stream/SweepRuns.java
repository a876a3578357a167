package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.Variant;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.verdict.RunReadings;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.DiagnosisMapper;
import dev.unstuck.wire.DiagnosisMapper.FixRef;
import dev.unstuck.wire.DiagnosisMapper.RunRef;
import dev.unstuck.wire.RunTelemetry;
import dev.unstuck.wire.SingleObjectCodec;
import dev.unstuck.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.SchemaNormalization;

/**
 * Everything known about the runs of one execution of a sweep, and what follows from it: per run
 * the latest diagnosis, per fix variant its verdict against the baseline. A re-run of the sweep
 * name is another execution with its own {@code SweepRuns}: its records never meet the earlier
 * execution's (telemetry without an execution id is the execution {@code ""}). Pure Java (no
 * Spark): the stateful step keeps a {@link SweepState} and works on this.
 *
 * <p>Each run's records are folded by common's rule (one record per epoch; duplicates and late
 * copies never count twice: {@link RunTelemetry}, {@link dev.unstuck.wire.EpochFold}), the rule the
 * sweep job's automatic fixes read the baseline by too.
 *
 * <p>The state keeps per run what diagnosing it needs ({@link SummarisedRun}, stored as RunSummary
 * parts), not the raw records: a micro-batch decodes only its new records (a stored part it read
 * before is known by its bytes, {@link DecodedParts}), diagnoses the runs they changed, judges the
 * fixes they affect, and writes each changed run one new part, every other value back as the bytes
 * it read. A state written by a job before this (the raw EpochTelemetry records, of any published
 * schema) is read into the same form by {@link #restore}; a stored value it cannot read (a schema
 * newer than this job, left by a later release before a rollback) is set aside, never fatal: {@link
 * #setAside()}.
 */
public final class SweepRuns {
  private final String sweepId;
  private final String executionId;
  private final Map<String, SummarisedRun> runs = new TreeMap<>();
  private final RunDiagnoser diagnoser;
  private final long thresholdsFingerprint;
  private final Thresholds thresholds;
  private final List<SetAside> setAside = new ArrayList<>();

  /** A stored value that could not be read back, and why. */
  public record SetAside(byte[] bytes, WireFormatException.Reason reason, String message) {}

  /**
   * The runs of a sweep's telemetry without an execution id (producers before it): the execution
   * {@code ""}.
   */
  public SweepRuns(String sweepId, Thresholds thresholds) {
    this(sweepId, "", thresholds);
  }

  public SweepRuns(String sweepId, String executionId, Thresholds thresholds) {
    this.sweepId = sweepId;
    this.executionId = executionId;
    this.thresholds = thresholds;
    this.diagnoser = new RunDiagnoser(thresholds);
    this.thresholdsFingerprint =
        SchemaNormalization.fingerprint64(thresholds.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #restore(SweepState, String, Thresholds)}, for the execution {@code ""}. */
  public static SweepRuns restore(SweepState state, Thresholds thresholds) {
    return restore(state, "", thresholds);
  }

  /**
   * The working form of a stored state of execution {@code executionId}: run summaries written by
   * this job, or the raw telemetry records an earlier release kept (any published schema; a release
   * before execution ids kept the execution {@code ""} under the sweep id alone). Values it cannot
   * read are left out and listed by {@link #setAside()}; {@link #toState()} no longer holds them.
   */
  public static SweepRuns restore(SweepState state, String executionId, Thresholds thresholds) {
    SweepRuns sweep = new SweepRuns(state.getSweepId(), executionId, thresholds);
    for (byte[] bytes : state.getRecords()) {
      try {
        if (isRunSummary(bytes)) {
          RunPart part = DecodedParts.read(bytes);
          sweep
              .runs
              .computeIfAbsent(
                  part.runId(),
                  id -> SummarisedRun.empty(id, sweep.diagnoser, sweep.thresholdsFingerprint))
              .restore(bytes, part);
        } else {
          sweep.fold(Codecs.TELEMETRY.decode(bytes)); // kept by a job before run summaries
        }
      } catch (WireFormatException e) {
        sweep.setAside.add(new SetAside(bytes, e.reason(), e.getMessage()));
      }
    }
    return sweep;
  }

  private static boolean isRunSummary(byte[] bytes) {
    return bytes != null
        && bytes.length >= SingleObjectCodec.HEADER_LENGTH
        && Codecs.RUN_SUMMARY.knows(SingleObjectCodec.fingerprintOf(bytes));
  }

  /** Stored values {@link #restore} could not read, in stored order. */
  public List<SetAside> setAside() {
    return List.copyOf(setAside);
  }

  /** The form the state store keeps: each run's parts, run by run ({@link SummarisedRun}). */
  public SweepState toState() {
    List<byte[]> values = new ArrayList<>(runs.size());
    runs.values().forEach(run -> values.addAll(run.values()));
    return new SweepState(sweepId, values);
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
    return runs.values().stream().mapToInt(SummarisedRun::size).sum();
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
    return fold(record);
  }

  private boolean fold(EpochTelemetry record) {
    return runs.computeIfAbsent(
            record.getRunId(), id -> SummarisedRun.empty(id, diagnoser, thresholdsFingerprint))
        .accept(record);
  }

  /** The current diagnosis of each of {@code runIds}. */
  public List<RunDiagnosis> diagnoses(Collection<String> runIds, long nowMs) {
    List<RunDiagnosis> diagnoses = new ArrayList<>();
    for (String runId : new TreeSet<>(runIds)) {
      SummarisedRun run = runs.get(runId);
      if (run == null || run.isEmpty()) {
        continue;
      }
      RunRef ref =
          new RunRef(sweepId, executionId, runId, run.variantId(), run.fixFamily(), run.seed());
      List<EpochMetrics> series = run.series();
      diagnoses.add(
          series.isEmpty()
              ? withoutEpochs(ref, run, nowMs)
              : DiagnosisMapper.toAvro(ref, run.diagnosis(series.size()), nowMs));
    }
    return diagnoses;
  }

  /**
   * Verdicts of every fix variant affected by a change to {@code changedRunIds}: all of them when a
   * baseline run changed, else those whose runs changed. One row per baseline symptom
   * (DiagnosisMapper); nothing for a variant without a seed in common with the baseline yet.
   */
  public List<FixVerdict> verdicts(Collection<String> changedRunIds, long nowMs) {
    Map<String, List<SummarisedRun>> runsByVariant = new TreeMap<>();
    Map<String, List<RunHistory>> historiesByVariant = new TreeMap<>();
    Map<RunHistory, SummarisedRun> runOfHistory = new IdentityHashMap<>();
    int plannedSeeds = 0;
    for (SummarisedRun run : runs.values()) {
      runsByVariant.computeIfAbsent(run.variantId(), v -> new ArrayList<>()).add(run);
      plannedSeeds = Math.max(plannedSeeds, run.plannedSeeds());
      // a run that failed before its first epoch has nothing to compare, but it has ended: it
      // counts for "final"
      RunHistory history = new RunHistory(run.seed(), run.series(), run.ended());
      runOfHistory.put(history, run);
      historiesByVariant.computeIfAbsent(run.variantId(), v -> new ArrayList<>()).add(history);
    }
    Set<String> affected = new TreeSet<>();
    boolean baselineChanged = false;
    for (String runId : changedRunIds) {
      SummarisedRun run = runs.get(runId);
      if (run != null && !run.isEmpty()) {
        baselineChanged |= isBaseline(run);
        affected.add(run.variantId());
      }
    }
    if (baselineChanged) {
      affected.addAll(runsByVariant.keySet());
    }
    List<RunHistory> baseline =
        runsByVariant.entrySet().stream()
            .filter(e -> e.getValue().stream().anyMatch(SweepRuns::isBaseline))
            .findFirst()
            .map(e -> historiesByVariant.getOrDefault(e.getKey(), List.of()))
            .orElse(List.of());
    List<FixVerdict> verdicts = new ArrayList<>();
    if (baseline.isEmpty()) {
      return verdicts;
    }
    FixJudge judge = new FixJudge(thresholds, new HeldReadings(runOfHistory));
    for (String variantId : affected) {
      SummarisedRun any = runsByVariant.get(variantId).get(0);
      if (isBaseline(any) || Variant.isProbeId(variantId)) {
        continue; // neither the baseline nor a label-permutation probe is a fix: no verdict (the
        // launcher's
        // PlannedRuns waits for none by the same test)
      }
      List<RunHistory> fix = historiesByVariant.getOrDefault(variantId, List.of());
      FixRef ref = new FixRef(sweepId, executionId, variantId, any.fixFamily(), any.fixParams());
      judge
          .judge(baseline, fix, plannedSeeds)
          .ifPresent(j -> verdicts.addAll(DiagnosisMapper.toAvro(ref, j, nowMs)));
    }
    return verdicts;
  }

  /**
   * The judge's readings of the runs held: each run diagnosed once per length however many fixes
   * compare with it, its first learning epoch carried from batch to batch ({@link SummarisedRun}).
   * A history is known by identity: {@link #verdicts} makes one per run and hands the judge exactly
   * those.
   */
  private record HeldReadings(Map<RunHistory, SummarisedRun> runOfHistory) implements RunReadings {
    @Override
    public Diagnosis diagnose(RunHistory history, List<EpochMetrics> epochs) {
      return runOfHistory.get(history).diagnosis(epochs.size());
    }

    @Override
    public Optional<Integer> firstLearningEpoch(RunHistory history, List<EpochMetrics> epochs) {
      if (epochs.isEmpty()) {
        return Optional.empty();
      }
      int lastEpoch = epochs.get(epochs.size() - 1).epoch();
      // the first learning prefix of the whole run is the first of any shorter run of its epochs,
      // or there is none
      return runOfHistory.get(history).firstLearningEpoch().filter(epoch -> epoch <= lastEpoch);
    }
  }

  private static boolean isBaseline(SummarisedRun run) {
    return Variant.BASELINE_ID.equals(run.variantId())
        || FixFamily.BASELINE.name().equals(run.fixFamily());
  }

  /**
   * A run with a status but no measured epoch (it failed while starting): nothing to diagnose but
   * its end.
   */
  private static RunDiagnosis withoutEpochs(RunRef ref, SummarisedRun run, long nowMs) {
    RunStatus status = RunStatus.valueOf(run.lastStatus().name());
    return RunDiagnosis.newBuilder()
        .setSweepId(ref.sweepId())
        .setExecutionId(ref.executionId())
        .setRunId(ref.runId())
        .setVariantId(ref.variantId())
        .setFixFamily(ref.fixFamily())
        .setSeed(ref.seed())
        .setEpoch(run.lastEpoch())
        .setStatus(status.name())
        .setLearningState(status == RunStatus.FAILED ? LearningState.FAILED : LearningState.UNKNOWN)
        .setValBalancedAccuracy(null)
        .setSymptoms(List.of())
        .setFinalDiagnosis(run.ended())
        .setTimestampMs(nowMs)
        .build();
  }
}
