package dev.unstuck.sweep;

import java.util.Random;

/**
 * The order a run sees its training rows in one epoch: a seeded permutation, new every epoch and
 * the same on every re-run. The contract (so an independent reference can reproduce it): a
 * Fisher-Yates shuffle of {@code 0..n-1} driven by {@code java.util.Random(seed(runSeed, epoch))},
 * i.e. what {@code Collections.shuffle(list, random)} does to a list of the row indices.
 */
public final class EpochOrder {
  private EpochOrder() {}

  /** The random seed of one run's epoch; epoch 0 is used for the fixed probe sample. */
  public static long seed(long runSeed, int epoch) {
    return runSeed * 1_000_003L + epoch;
  }

  public static int[] permutation(int n, long runSeed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed(runSeed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
