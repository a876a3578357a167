package dev.unstuck.spec;

/** Learning-rate schedule over epochs. */
public enum LrSchedule {
  /** The same rate every epoch. */
  NONE,
  /** Halve the rate after every third of the run. */
  STEP,
  /** Multiply the rate by 0.9 every epoch. */
  EXPONENTIAL;

  static final double STEP_FACTOR = 0.5;
  static final double EXPONENTIAL_DECAY = 0.9;

  /** The rate during 1-based {@code epoch} of {@code totalEpochs}. */
  public double rateAt(double base, int epoch, int totalEpochs) {
    int done = Math.max(0, epoch - 1);
    return switch (this) {
      case NONE -> base;
      case STEP -> base * Math.pow(STEP_FACTOR, done / Math.max(1, totalEpochs / 3));
      case EXPONENTIAL -> base * Math.pow(EXPONENTIAL_DECAY, done);
    };
  }
}
