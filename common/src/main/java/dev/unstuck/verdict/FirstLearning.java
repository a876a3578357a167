package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.RunDiagnoser;
import java.util.List;
import java.util.Optional;

/**
 * {@link RunDiagnoser#firstLearningEpoch} of a run whose epochs keep coming (the stream job's runs,
 * batch after batch), carried from one call to the next instead of re-diagnosing every prefix each
 * time. The answer is the same: the first prefix whose diagnosis is LEARNING, named by its last
 * epoch.
 *
 * <ul>
 *   <li>Once found, the answer stands for as long as the epochs up to it stay as they were.
 *   <li>Until then only the prefixes that end after the last one checked are diagnosed; a change to
 *       an epoch already checked ({@link #changedAt}) takes the check back to it.
 *   <li>A prefix whose last epoch does not beat chance by the margin is never LEARNING ({@link
 *       RunDiagnoser#beatsChance}): it is passed over without running the detectors, which is what
 *       makes a run that never learns cheap.
 * </ul>
 */
public final class FirstLearning {
  private final RunDiagnoser diagnoser;
  private int checked;
  private Integer epoch;

  /** Nothing checked yet. */
  public FirstLearning(RunDiagnoser diagnoser) {
    this(diagnoser, 0, null);
  }

  /**
   * Carried on from an earlier search with the same diagnoser's thresholds: {@code checked}
   * prefixes (the first that many epochs' prefixes) known not LEARNING, and the answer {@code
   * epoch} once found (null before).
   */
  public FirstLearning(RunDiagnoser diagnoser, int checked, Integer epoch) {
    if (checked < 0) {
      throw new IllegalArgumentException("checked prefixes must be >= 0, got " + checked);
    }
    this.diagnoser = diagnoser;
    this.checked = checked;
    this.epoch = epoch;
  }

  /**
   * The first learning epoch of {@code series}, which must be the series of earlier calls with
   * epochs added after them (or changed where {@link #changedAt} was told).
   */
  public Optional<Integer> of(List<EpochMetrics> series) {
    if (epoch != null) {
      return Optional.of(epoch);
    }
    checked = Math.min(checked, series.size());
    for (int length = checked + 1; length <= series.size(); length++) {
      if (diagnoser.beatsChance(series.get(length - 1))) {
        Diagnosis diagnosis = diagnoser.diagnose(series.subList(0, length));
        if (diagnosis.state() == LearningAssessment.LEARNING) {
          epoch = diagnosis.epoch();
          return Optional.of(epoch);
        }
      }
      checked = length;
    }
    return Optional.empty();
  }

  /**
   * The series' entry at {@code index} (0-based), epoch {@code epochNumber}, was added or replaced
   * out of turn: nothing known from it on still holds.
   */
  public void changedAt(int index, int epochNumber) {
    checked = Math.min(checked, index);
    if (epoch != null && epochNumber <= epoch) {
      epoch = null;
    }
  }

  /** Prefixes known not LEARNING, counted from the first epoch (while no answer was found). */
  public int checked() {
    return checked;
  }

  /** The answer, once found. */
  public Optional<Integer> found() {
    return Optional.ofNullable(epoch);
  }
}
