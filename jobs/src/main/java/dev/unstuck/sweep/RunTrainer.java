package dev.unstuck.sweep;

import dev.unstuck.fix.PlannedRun;
import java.util.function.Supplier;

/** Trains one run in one training mode and reports it; never throws for a run's own failure. */
interface RunTrainer {
  /** @param data the run's inputs, prepared inside the run so a data problem fails this run, not the sweep */
  TrainedRun train(PlannedRun run, Supplier<VariantInputs> data, RunProgress progress);
}
