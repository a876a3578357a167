package dev.unstuck.sweep;

import java.io.Serializable;

/**
 * How one run is trained, as its telemetry reports it.
 *
 * @param mode "variant" (the run whole in one Spark task) or "data" (parameter averaging across
 *     workers)
 * @param workers parallel workers training the run (1 for variant-parallel)
 * @param globalBatchSize examples whose gradients make one update: the batch size for
 *     variant-parallel, workers x the per-worker batch for data-parallel
 * @param averagingFrequency data-parallel only: minibatches each worker trains between parameter
 *     averages
 */
public record TrainingLayout(
    String mode, int workers, int globalBatchSize, Integer averagingFrequency)
    implements Serializable {

  public static TrainingLayout variantParallel(int batchSize) {
    return new TrainingLayout("variant", 1, batchSize, null);
  }

  public static TrainingLayout dataParallel(
      int workers, int batchSizePerWorker, int averagingFrequency) {
    return new TrainingLayout("data", workers, workers * batchSizePerWorker, averagingFrequency);
  }
}
