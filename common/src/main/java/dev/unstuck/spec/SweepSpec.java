package dev.unstuck.spec;

import dev.unstuck.fix.FixSelection;

/**
 * A parsed, validated sweep.yaml: a dataset, a baseline model that does not learn, and the fixes to
 * try.
 */
public record SweepSpec(
    String name,
    DataSpec data,
    ModelSpec model,
    TrainingSpec training,
    FixSelection fixes,
    Parallelism parallelism) {

  public SweepSpec(
      String name, DataSpec data, ModelSpec model, TrainingSpec training, FixSelection fixes) {
    this(name, data, model, training, fixes, Parallelism.AUTO);
  }

  public RunConfig baseline() {
    return new RunConfig(model, training);
  }
}
