package dev.unstuck.spec;

/**
 * What a fix changes: the model and how it trains. The dataset is shared by all variants of a
 * sweep.
 */
public record RunConfig(ModelSpec model, TrainingSpec training) {

  public RunConfig withModel(ModelSpec value) {
    return new RunConfig(value, training);
  }

  public RunConfig withTraining(TrainingSpec value) {
    return new RunConfig(model, value);
  }
}
