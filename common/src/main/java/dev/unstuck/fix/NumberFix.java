package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A fix whose setting is a number (l2 1e-4, dropout 0.5, gradientClip 1.0, ...). */
class NumberFix extends KeyedFix {
  private final Function<String, Optional<String>> check;
  private final BiFunction<RunConfig, Double, RunConfig> change;

  NumberFix(
      String key,
      String idPrefix,
      FixFamily family,
      Function<String, Optional<String>> check,
      BiFunction<RunConfig, Double, RunConfig> change) {
    super(key, idPrefix, family);
    this.check = check;
    this.change = change;
  }

  @Override
  public Optional<String> problem(String setting) {
    return check.apply(setting);
  }

  @Override
  public String id(String setting) {
    return idOf(setting.trim());
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    return change.apply(baseline, Double.parseDouble(setting.trim()));
  }
}
