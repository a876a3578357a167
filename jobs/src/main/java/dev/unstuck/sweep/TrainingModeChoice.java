package dev.unstuck.sweep;

import dev.unstuck.data.DataException;
import dev.unstuck.spec.Parallelism;
import dev.unstuck.spec.SweepSpec;

/** Which way a sweep's runs are trained, decided once from the size of its training split. */
final class TrainingModeChoice {
  private TrainingModeChoice() {}

  /**
   * @throws DataException when variant-parallel training is asked for a split that cannot be held
   *     in one task
   */
  static Parallelism.Mode choose(Parallelism parallelism, VariantData data) {
    Parallelism.Mode mode = parallelism.choose(data.trainFeatureBytes());
    if (mode == Parallelism.Mode.VARIANT && !data.fitsOnDriver()) {
      if (parallelism.mode() == Parallelism.Mode.VARIANT) {
        throw new DataException(
            "training.parallelism: variant trains each run whole in one task, but the "
                + "training split has "
                + data.trainRows()
                + " rows (more than "
                + VariantData.DRIVER_MEASURE_ROWS
                + " are never held in one place): use parallelism auto or data");
      }
      return Parallelism.Mode.DATA; // auto: few bytes but too many rows to hold whole
    }
    return mode;
  }

  /** One line for the user: the mode, and why it was chosen. */
  static String describe(
      Parallelism.Mode mode, SweepSpec sweep, VariantData data, TrainingSettings settings) {
    String size =
        String.format(
            "training split %d rows, %.1f MiB of features",
            data.trainRows(), data.trainFeatureBytes() / 1048576.0);
    String why =
        sweep.parallelism().mode() == Parallelism.Mode.AUTO
            ? String.format(
                "auto: %s %s %.0f MiB",
                size,
                mode == Parallelism.Mode.VARIANT ? "<=" : ">",
                sweep.parallelism().dataParallelAboveMiB())
            : "as the spec asks; " + size;
    if (mode == Parallelism.Mode.VARIANT) {
      return "variant-parallel, each run whole in one Spark task with plain DL4J (" + why + ")";
    }
    int workers = sweep.training().workers();
    int perWorker = DataParallelTrainer.batchSizePerWorker(sweep.training().batchSize(), workers);
    return String.format(
        "data-parallel, DL4J parameter averaging over %d workers, %d examples per worker "
            + "minibatch (global batch %d), averaged every %d minibatches (%s)",
        workers, perWorker, workers * perWorker, settings.averagingFrequency(), why);
  }
}
