package dev.unstuck.verdict;

import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.TrainingStatus;
import java.util.List;

/**
 * The epochs of one seed of one variant, oldest first.
 *
 * @param ended the run reached a terminal status; true also for a run that failed before its first
 *     epoch (which has no epochs to compare but will not change any more)
 */
public record RunHistory(int seed, List<EpochMetrics> epochs, boolean ended) {

  public RunHistory {
    epochs = List.copyOf(epochs);
  }

  /** A history whose end is read off its last epoch's status. */
  public RunHistory(int seed, List<EpochMetrics> epochs) {
    this(seed, epochs, !epochs.isEmpty() && epochs.get(epochs.size() - 1).status().terminal());
  }

  /**
   * Training threw: the run's epochs say nothing about the model, so it takes no part in a verdict.
   */
  boolean failed() {
    return !epochs.isEmpty() && epochs.get(epochs.size() - 1).status() == TrainingStatus.FAILED;
  }

  int lastEpoch() {
    return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
  }

  /**
   * Epochs up to {@code epoch}. A run that ended earlier stays as it ended - a diverged run stays
   * diverged, an early-stopped one keeps its final metric - so it is compared by its last epoch.
   */
  List<EpochMetrics> upTo(int epoch) {
    return epochs.stream().filter(e -> e.epoch() <= epoch).toList();
  }

  /**
   * The last epoch this run can be compared at: any epoch if it ended, else the last one it
   * reached.
   */
  int comparableUntil() {
    return ended() ? Integer.MAX_VALUE : lastEpoch();
  }
}
