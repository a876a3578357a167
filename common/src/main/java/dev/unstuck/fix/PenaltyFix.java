package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A weight penalty (l1, l2): an absolute coefficient ({@code 1e-4}, or {@code 0} to drop it) or a
 * multiplier of the baseline's ({@code x0.01}). The multiplier is what {@code fixes: auto} needs
 * for an over-regularised baseline: it does not know the penalty the user chose, only that a
 * hundredth of it is worth a try. Scaled as {@link ScaleFix} scales; only the settings allowed
 * differ.
 */
class PenaltyFix extends ScaleFix {

  PenaltyFix(
      String key,
      String idPrefix,
      Function<RunConfig, Double> current,
      BiFunction<RunConfig, Double, RunConfig> change) {
    super(key, idPrefix, FixFamily.REGULARISATION, current, change);
  }

  @Override
  public Optional<String> problem(String setting) {
    String value = setting.trim();
    if (Settings.isMultiplier(value)) {
      return Settings.multiplierOrPositive(value, false);
    }
    return Settings.inRange(value, 0, Double.MAX_VALUE);
  }

  @Override
  public Optional<String> inapplicable(RunConfig baseline, String setting) {
    if (Settings.isMultiplier(setting.trim()) && current(baseline) == 0) {
      return Optional.of(
          "'"
              + setting.trim()
              + "' scales the baseline's "
              + key()
              + " penalty, and it has none; give "
              + "a coefficient, e.g. "
              + key()
              + ": 1e-4");
    }
    return Optional.empty();
  }
}
