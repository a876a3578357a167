package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A fix that scales a baseline value by a multiplier ({@code x10}, {@code x0.1}) or, where allowed,
 * sets it to an absolute number: learning rate, batch size, weight penalties ({@link PenaltyFix}).
 */
class ScaleFix extends KeyedFix {
  private final Function<RunConfig, Double> current;
  private final BiFunction<RunConfig, Double, RunConfig> change;

  ScaleFix(
      String key,
      String idPrefix,
      FixFamily family,
      Function<RunConfig, Double> current,
      BiFunction<RunConfig, Double, RunConfig> change) {
    super(key, idPrefix, family);
    this.current = current;
    this.change = change;
  }

  @Override
  public Optional<String> problem(String setting) {
    return Settings.multiplierOrPositive(setting.trim(), true);
  }

  @Override
  public String id(String setting) {
    return idOf(setting.trim().toLowerCase());
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    return change.apply(baseline, Settings.scaled(current(baseline), setting.trim()));
  }

  /** The baseline's value this fix scales. */
  final double current(RunConfig baseline) {
    return current.apply(baseline);
  }
}
