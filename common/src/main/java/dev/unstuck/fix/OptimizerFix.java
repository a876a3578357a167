package dev.unstuck.fix;

import dev.unstuck.spec.Optimizer;
import dev.unstuck.spec.RunConfig;

/**
 * Switch the updater (SGD -> Adam, ...). Adaptive updaters get their customary learning rate
 * (1e-3), because a rate tuned for SGD (say 0.5) makes Adam diverge at once and the fix would be
 * judged on the wrong thing.
 */
final class OptimizerFix extends ChoiceFix<Optimizer> {
  static final double ADAPTIVE_LEARNING_RATE = 1e-3;

  OptimizerFix() {
    super(
        "optimizer", "optimizer", FixFamily.LEARNING_RATE, Optimizer.class, OptimizerFix::switchTo);
  }

  /**
   * Adam on an Adam baseline is no fix, even though the switch would also reset its learning rate.
   */
  @Override
  public boolean isBaselines(RunConfig baseline, String setting) {
    return baseline.training().optimizer() == choice(setting);
  }

  private static RunConfig switchTo(RunConfig baseline, Optimizer optimizer) {
    boolean adaptive =
        optimizer == Optimizer.ADAM
            || optimizer == Optimizer.RMSPROP
            || optimizer == Optimizer.ADAGRAD;
    double rate = adaptive ? ADAPTIVE_LEARNING_RATE : baseline.training().learningRate();
    return baseline.withTraining(
        baseline.training().withOptimizer(optimizer).withLearningRate(rate));
  }
}
