package dev.unstuck.sweep;

/**
 * Stops a run after {@code patience} epochs without a better validation metric; patience 0 never
 * stops.
 */
final class EarlyStopping {
  private final int patience;
  private double best = Double.NEGATIVE_INFINITY;
  private int sinceBest;

  EarlyStopping(int patience) {
    this.patience = patience;
  }

  boolean shouldStop(Double metric) {
    if (patience == 0) {
      return false;
    }
    if (metric != null && metric > best) {
      best = metric;
      sinceBest = 0;
      return false;
    }
    return ++sinceBest >= patience;
  }
}
