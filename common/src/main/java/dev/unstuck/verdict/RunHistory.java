package dev.unstuck.verdict;

import dev.unstuck.diagnosis.EpochMetrics;
import java.util.List;

/** The epochs of one seed of one variant, oldest first. */
public record RunHistory(int seed, List<EpochMetrics> epochs) {

  public RunHistory {
    epochs = List.copyOf(epochs);
  }

  public boolean ended() {
    return !epochs.isEmpty() && epochs.get(epochs.size() - 1).status().terminal();
  }

  int lastEpoch() {
    return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
  }

  /**
   * Epochs up to {@code epoch}. A run that ended earlier stays as it ended - a diverged run stays diverged, an
   * early-stopped one keeps its final metric - so it is compared by its last epoch.
   */
  List<EpochMetrics> upTo(int epoch) {
    return epochs.stream().filter(e -> e.epoch() <= epoch).toList();
  }

  /** The last epoch this run can be compared at: any epoch if it ended, else the last one it reached. */
  int comparableUntil() {
    return ended() ? Integer.MAX_VALUE : lastEpoch();
  }
}
