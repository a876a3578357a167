package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunSummary;
import dev.unstuck.avro.SummaryEpoch;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.RunStatus;
import dev.unstuck.verdict.FirstLearning;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.EpochFold;
import dev.unstuck.wire.TelemetryMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run as the stream job's state keeps it between micro-batches ({@link RunSummary}): its telemetry folded to one
 * entry per epoch by common's rule ({@link EpochFold}, as {@code RunTelemetry} folds it), each epoch as the
 * detectors read it, the identity its latest record gave, and its first learning epoch carried on
 * ({@link FirstLearning}). A run that nothing changed in a batch is written back as the very bytes it was restored
 * from, without encoding it again.
 *
 * <p>Diagnoses are kept for the batch (by how many epochs they cover): a run is diagnosed once however many fixes
 * are compared with it.
 */
final class SummarisedRun {
  private final RunDiagnoser diagnoser;
  private final long thresholdsFingerprint;
  private final EpochFold<EpochMetrics> fold = new EpochFold<>(m -> m.status() != RunStatus.RUNNING);
  private final FirstLearning firstLearning;
  private final String runId;
  private String variantId;
  private String fixFamily;
  private Map<String, String> fixParams;
  private int seed;
  private int plannedSeeds;
  /** The stored form this was restored from, while it still says everything: null once anything changed. */
  private byte[] stored;
  private List<EpochMetrics> series;
  private final Map<Integer, Diagnosis> diagnosesByLength = new HashMap<>();

  private SummarisedRun(String runId, RunDiagnoser diagnoser, long thresholdsFingerprint,
      FirstLearning firstLearning) {
    this.runId = runId;
    this.diagnoser = diagnoser;
    this.thresholdsFingerprint = thresholdsFingerprint;
    this.firstLearning = firstLearning;
  }

  /** A run nothing is known of yet; {@code thresholdsFingerprint} names the thresholds {@code diagnoser} uses. */
  static SummarisedRun empty(String runId, RunDiagnoser diagnoser, long thresholdsFingerprint) {
    return new SummarisedRun(runId, diagnoser, thresholdsFingerprint, new FirstLearning(diagnoser));
  }

  /**
   * The run {@code summary} (read from {@code bytes}) describes. What it carries from other thresholds than
   * {@code thresholdsFingerprint} (a job restarted with other {@code --threshold} values) is searched again.
   */
  static SummarisedRun restored(RunSummary summary, byte[] bytes, RunDiagnoser diagnoser,
      long thresholdsFingerprint) {
    boolean sameThresholds = summary.getThresholdsFingerprint() == thresholdsFingerprint;
    FirstLearning carried = sameThresholds
        ? new FirstLearning(diagnoser, summary.getLearningChecked(), summary.getFirstLearningEpoch())
        : new FirstLearning(diagnoser);
    SummarisedRun run = new SummarisedRun(summary.getRunId(), diagnoser, thresholdsFingerprint, carried);
    run.identify(summary.getVariantId(), summary.getFixFamily(), summary.getFixParams(), summary.getSeed(),
        summary.getPlannedSeeds());
    for (SummaryEpoch epoch : summary.getEpochs()) {
      run.fold.accept(epoch.getEpoch(), RunSummaryMapper.toMetrics(epoch));
    }
    run.stored = sameThresholds ? bytes : null;
    return run;
  }

  /**
   * Applies one telemetry record of this run; true when it changed what is known about the run, false for a
   * duplicate or a late copy.
   */
  boolean accept(EpochTelemetry record) {
    int epoch = record.getEpoch();
    boolean appended = fold.isEmpty() || epoch > fold.byEpoch().lastKey();
    if (!fold.accept(epoch, TelemetryMapper.toMetrics(record))) {
      return false;
    }
    if (epoch == fold.byEpoch().lastKey()) {
      identify(record.getVariantId(), record.getFixFamily(), record.getFixParams(), record.getSeed(),
          record.getPlannedSeeds());
    }
    if (epoch >= 1 && !appended) {
      // inserted before the latest epoch, or a terminal record replacing a RUNNING one: prefixes from it changed
      firstLearning.changedAt(fold.byEpoch().subMap(1, true, epoch, false).size(), epoch);
    }
    stored = null;
    series = null;
    diagnosesByLength.clear();
    return true;
  }

  /**
   * Takes in what {@code other}, a second stored form of this run, holds: epoch by epoch under the same rule (a
   * state never holds two, but reading one must not lose epochs).
   */
  void absorb(SummarisedRun other) {
    boolean changed = false;
    for (Map.Entry<Integer, EpochMetrics> e : other.fold.byEpoch().entrySet()) {
      boolean appended = fold.isEmpty() || e.getKey() > fold.byEpoch().lastKey();
      if (fold.accept(e.getKey(), e.getValue())) {
        changed = true;
        if (e.getKey() == (int) fold.byEpoch().lastKey()) {
          identify(other.variantId, other.fixFamily, other.fixParams, other.seed, other.plannedSeeds);
        }
        if (e.getKey() >= 1 && !appended) {
          firstLearning.changedAt(fold.byEpoch().subMap(1, true, e.getKey(), false).size(), e.getKey());
        }
      }
    }
    if (changed) {
      stored = null;
      series = null;
      diagnosesByLength.clear();
    }
  }

  private void identify(String variantId, String fixFamily, Map<String, String> fixParams, int seed,
      int plannedSeeds) {
    this.variantId = variantId;
    this.fixFamily = fixFamily;
    this.fixParams = fixParams;
    this.seed = seed;
    this.plannedSeeds = plannedSeeds;
  }

  /** The measured epochs (1 on), as the detectors read them. */
  List<EpochMetrics> series() {
    if (series == null) {
      series = List.copyOf(fold.byEpoch().tailMap(1, true).values());
    }
    return series;
  }

  /** The diagnosis after the first {@code length} measured epochs (1..series size). */
  Diagnosis diagnosis(int length) {
    return diagnosesByLength.computeIfAbsent(length, n -> diagnoser.diagnose(series().subList(0, n)));
  }

  /** The first learning epoch of the whole series so far ({@link RunDiagnoser#firstLearningEpoch}). */
  Optional<Integer> firstLearningEpoch() {
    int checkedBefore = firstLearning.checked();
    Optional<Integer> foundBefore = firstLearning.found();
    Optional<Integer> found = firstLearning.of(series());
    if (firstLearning.checked() != checkedBefore || !found.equals(foundBefore)) {
      stored = null; // carry the progress to the next batch
    }
    return found;
  }

  /** The stored form: the bytes it was restored from when nothing changed, else encoded afresh. */
  byte[] bytes() {
    return stored != null ? stored : Codecs.RUN_SUMMARY.encode(summary());
  }

  RunSummary summary() {
    List<SummaryEpoch> epochs = new ArrayList<>(fold.size());
    fold.byEpoch().values().forEach(m -> epochs.add(RunSummaryMapper.toSummary(m)));
    return new RunSummary(runId, variantId, fixFamily, fixParams, seed, plannedSeeds, epochs, thresholdsFingerprint,
        firstLearning.checked(), firstLearning.found().orElse(null));
  }

  String runId() {
    return runId;
  }

  String variantId() {
    return variantId;
  }

  String fixFamily() {
    return fixFamily;
  }

  Map<String, String> fixParams() {
    return fixParams;
  }

  int seed() {
    return seed;
  }

  int plannedSeeds() {
    return plannedSeeds;
  }

  /** The latest epoch held (0 for a run that failed while starting). */
  int lastEpoch() {
    return fold.byEpoch().lastKey();
  }

  /** The status of the latest epoch held. */
  RunStatus lastStatus() {
    return fold.last().orElseThrow().status();
  }

  /** True once the latest epoch held is terminal. */
  boolean ended() {
    return fold.ended();
  }

  /** Epochs held (epoch 0 included). */
  int size() {
    return fold.size();
  }

  boolean isEmpty() {
    return fold.isEmpty();
  }
}
