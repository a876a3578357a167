package dev.unstuck.sweep;

/**
 * Cluster-side knobs of training that a spec does not decide.
 *
 * @param averagingFrequency data-parallel: minibatches each worker trains between two parameter
 *     averages
 * @param prefetchBatches data-parallel: minibatches a DL4J worker prefetches (0 = none)
 * @param nativeThreads variant-parallel: ND4J native (OpenMP/BLAS) threads per task; 0 = ND4J's
 *     default
 */
public record TrainingSettings(int averagingFrequency, int prefetchBatches, int nativeThreads) {
  /**
   * Averaging after every worker minibatch: with each worker's batch the user's batch / workers,
   * that is synchronous averaging of one step over the user's batch. Measured against
   * single-process training (DataParallelFidelityIT, final validation balanced accuracy, mean of 2
   * seeds): every minibatch +0.006 (digits), +0.029 (churn), -0.003 (diabetes); every 4 minibatches
   * +0.002, +0.035, -0.009 - churn beyond the 0.03 a user should be able to trust. Larger values
   * trade that fidelity for fewer Spark jobs (deploy/bench/data-parallel-bench.sh).
   */
  public static final int DEFAULT_AVERAGING_FREQUENCY = 1;

  public static final TrainingSettings DEFAULTS =
      new TrainingSettings(DEFAULT_AVERAGING_FREQUENCY, 0, 1);

  public TrainingSettings {
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException(
          "averaging frequency must be >= 1, got " + averagingFrequency);
    }
    if (prefetchBatches < 0 || nativeThreads < 0) {
      throw new IllegalArgumentException("prefetch batches and native threads must be >= 0");
    }
  }
}
