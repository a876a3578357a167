package dev.unstuck.sweep;

/**
 * How DL4J's parameter averaging runs: workers average their parameters every {@code averagingFrequency}
 * minibatches. Averaging less often costs less communication; the measured trade-off is in the benchmark notes.
 */
public record TrainingSettings(int averagingFrequency, int prefetchBatches) {
  public static final TrainingSettings DEFAULTS = new TrainingSettings(5, 0);
}
