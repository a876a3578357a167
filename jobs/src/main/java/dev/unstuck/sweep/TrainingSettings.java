package dev.unstuck.sweep;

/**
 * How DL4J's parameter averaging runs.
 *
 * @param averagingFrequency minibatches each worker trains between two parameter averages; 0 means once per
 *     epoch. DL4J trains at most this many minibatches per worker per split and (with Repartition.Never) skips
 *     the rest of a partition, so "once per epoch" is computed from the data, never a fixed guess.
 */
public record TrainingSettings(int averagingFrequency, int prefetchBatches) {
  public static final TrainingSettings DEFAULTS = new TrainingSettings(0, 0);

  /** Minibatches between averages for a variant with this much data. */
  int averagingFrequency(long trainExamples, int batchSize, int workers) {
    long batchesPerWorker = Math.max(1, (trainExamples + (long) batchSize * workers - 1) / ((long) batchSize * workers));
    if (averagingFrequency <= 0) {
      return (int) batchesPerWorker;
    }
    return averagingFrequency;
  }
}
