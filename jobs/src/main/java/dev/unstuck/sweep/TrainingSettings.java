package dev.unstuck.sweep;

/**
 * Cluster-side knobs of training that a spec does not decide.
 *
 * @param averagingFrequency data-parallel: minibatches each worker trains between two parameter averages
 * @param prefetchBatches data-parallel: minibatches a DL4J worker prefetches (0 = none)
 * @param nativeThreads variant-parallel: ND4J native (OpenMP/BLAS) threads per task; 0 = ND4J's default
 */
public record TrainingSettings(int averagingFrequency, int prefetchBatches, int nativeThreads) {
  /**
   * Averaging every {@value #DEFAULT_AVERAGING_FREQUENCY} minibatches: close to synchronous gradient averaging in
   * what the model learns (within 0.03 balanced accuracy of the single-process run, DataParallelFidelityIT) at a
   * fraction of the Spark jobs that averaging after every minibatch costs.
   */
  public static final int DEFAULT_AVERAGING_FREQUENCY = 4;

  public static final TrainingSettings DEFAULTS = new TrainingSettings(DEFAULT_AVERAGING_FREQUENCY, 0, 1);

  public TrainingSettings {
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException("averaging frequency must be >= 1, got " + averagingFrequency);
    }
    if (prefetchBatches < 0 || nativeThreads < 0) {
      throw new IllegalArgumentException("prefetch batches and native threads must be >= 0");
    }
  }
}
