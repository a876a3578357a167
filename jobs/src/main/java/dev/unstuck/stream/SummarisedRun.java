package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.TrainingStatus;
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
 * One run as the stream job's state keeps it between micro-batches: its telemetry folded to one
 * entry per epoch by common's rule ({@link EpochFold}, as {@code RunTelemetry} folds it), each
 * epoch as the detectors read it, the identity its latest record gave, and its first learning epoch
 * carried on ({@link FirstLearning}).
 *
 * <p>Stored as a few parts ({@link RunPart}, each a {@code RunSummary} value): a batch that changes
 * the run writes one new part with just the epochs it accepted, and leaves the parts before it as
 * the bytes they were. A part is merged with the one before it while that one is no longer (a
 * binary counter): a run of n epochs is held in at most log2(n) + 1 parts, and each epoch is
 * written again at most that many times. Read back, the parts' epochs are folded again in the order
 * the run accepted them, which rebuilds the same fold; the newest part's identity and carried
 * answers are the run's.
 *
 * <p>Diagnoses are kept for the batch (by how many epochs they cover): a run is diagnosed once
 * however many fixes are compared with it.
 */
final class SummarisedRun {
  private final RunDiagnoser diagnoser;
  private final long thresholdsFingerprint;
  private final EpochFold<EpochMetrics> fold =
      new EpochFold<>(m -> m.status() != TrainingStatus.RUNNING);
  private FirstLearning firstLearning;
  private final String runId;
  private String variantId;
  private String fixFamily;
  private Map<String, String> fixParams = Map.of();
  private int seed;
  private int plannedSeeds;

  /** The stored parts, oldest first, as read or last written. */
  private final List<StoredPart> parts = new ArrayList<>();

  /** Epochs accepted since the parts were read, in the order accepted: the next part. */
  private final List<EpochMetrics> pending = new ArrayList<>();

  /** The carried answers moved on since the newest part was written. */
  private boolean carryChanged;

  private List<EpochMetrics> series;
  private final Map<Integer, Diagnosis> diagnosesByLength = new HashMap<>();

  private record StoredPart(byte[] bytes, List<EpochMetrics> entries) {}

  private SummarisedRun(String runId, RunDiagnoser diagnoser, long thresholdsFingerprint) {
    this.runId = runId;
    this.diagnoser = diagnoser;
    this.thresholdsFingerprint = thresholdsFingerprint;
    this.firstLearning = new FirstLearning(diagnoser);
  }

  /**
   * A run nothing is known of yet; {@code thresholdsFingerprint} names the thresholds {@code
   * diagnoser} uses.
   */
  static SummarisedRun empty(String runId, RunDiagnoser diagnoser, long thresholdsFingerprint) {
    return new SummarisedRun(runId, diagnoser, thresholdsFingerprint);
  }

  /**
   * Folds in the next stored part, {@code part} read from {@code bytes}. What it carries from other
   * thresholds than this run's (a job restarted with other {@code --threshold} values) is searched
   * again.
   */
  void restore(byte[] bytes, RunPart part) {
    for (EpochMetrics entry : part.entries()) {
      fold.accept(entry.epoch(), entry);
    }
    identify(
        part.variantId(), part.fixFamily(), part.fixParams(), part.seed(), part.plannedSeeds());
    boolean sameThresholds = part.thresholdsFingerprint() == thresholdsFingerprint;
    firstLearning =
        sameThresholds
            ? new FirstLearning(diagnoser, part.learningChecked(), part.firstLearningEpoch())
            : new FirstLearning(diagnoser);
    carryChanged = !sameThresholds;
    parts.add(new StoredPart(bytes, part.entries()));
    changed();
  }

  /**
   * Applies one telemetry record of this run; true when it changed what is known about the run,
   * false for a duplicate or a late copy.
   */
  boolean accept(EpochTelemetry record) {
    int epoch = record.getEpoch();
    boolean appended = fold.isEmpty() || epoch > fold.byEpoch().lastKey();
    EpochMetrics entry = TelemetryMapper.toMetrics(record);
    if (!fold.accept(epoch, entry)) {
      return false;
    }
    pending.add(entry);
    if (epoch == fold.byEpoch().lastKey()) {
      identify(
          record.getVariantId(),
          record.getFixFamily(),
          record.getFixParams(),
          record.getSeed(),
          record.getPlannedSeeds());
    }
    if (epoch >= 1 && !appended) {
      // inserted before the latest epoch, or a terminal record replacing a RUNNING one: prefixes
      // from it changed
      firstLearning.changedAt(fold.byEpoch().subMap(1, true, epoch, false).size(), epoch);
    }
    changed();
    return true;
  }

  private void changed() {
    series = null;
    diagnosesByLength.clear();
  }

  private void identify(
      String variantId,
      String fixFamily,
      Map<String, String> fixParams,
      int seed,
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
    return diagnosesByLength.computeIfAbsent(
        length, n -> diagnoser.diagnose(series().subList(0, n)));
  }

  /**
   * The first learning epoch of the whole series so far ({@link RunDiagnoser#firstLearningEpoch}).
   */
  Optional<Integer> firstLearningEpoch() {
    int checkedBefore = firstLearning.checked();
    Optional<Integer> foundBefore = firstLearning.found();
    Optional<Integer> found = firstLearning.of(series());
    if (firstLearning.checked() != checkedBefore || !found.equals(foundBefore)) {
      carryChanged = true; // carry the progress to the next batch
    }
    return found;
  }

  /**
   * The stored form, oldest part first: the parts as they were read, and when anything changed, a
   * new part with the epochs accepted since (merged with the parts before it that are no longer).
   */
  List<byte[]> values() {
    if (!pending.isEmpty() || carryChanged) {
      List<EpochMetrics> entries = new ArrayList<>(pending);
      pending.clear();
      carryChanged = false;
      // an empty part (only the carried answers moved on) always goes into the one before it
      while (!parts.isEmpty()
          && (entries.isEmpty()
              || parts.get(parts.size() - 1).entries().size() <= entries.size())) {
        List<EpochMetrics> merged = new ArrayList<>(parts.remove(parts.size() - 1).entries());
        merged.addAll(entries);
        entries = merged;
      }
      RunPart part =
          new RunPart(
              runId,
              variantId,
              fixFamily,
              fixParams,
              seed,
              plannedSeeds,
              entries,
              thresholdsFingerprint,
              firstLearning.checked(),
              firstLearning.found().orElse(null));
      byte[] bytes = Codecs.RUN_SUMMARY.encode(part.toAvro());
      DecodedParts.remember(bytes, part);
      parts.add(new StoredPart(bytes, part.entries()));
    }
    List<byte[]> values = new ArrayList<>(parts.size());
    parts.forEach(part -> values.add(part.bytes()));
    return values;
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
  TrainingStatus lastStatus() {
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
