package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecEnums;
import dev.unstuck.spec.Suggestions;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A fix whose setting is one constant of an enum (activation relu, init he, resample oversample,
 * ...).
 */
class ChoiceFix<E extends Enum<E>> extends KeyedFix {
  private final Class<E> choices;
  private final BiFunction<RunConfig, E, RunConfig> change;

  ChoiceFix(
      String key,
      String idPrefix,
      FixFamily family,
      Class<E> choices,
      BiFunction<RunConfig, E, RunConfig> change) {
    super(key, idPrefix, family);
    this.choices = choices;
    this.change = change;
  }

  @Override
  public Optional<String> problem(String setting) {
    if (SpecEnums.parse(choices, setting).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "unknown '"
            + setting
            + "'"
            + Suggestions.didYouMean(setting, SpecEnums.yamlNames(choices)));
  }

  @Override
  public String id(String setting) {
    return idOf(SpecEnums.yamlName(choice(setting)).toLowerCase());
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    return change.apply(baseline, choice(setting));
  }

  E choice(String setting) {
    return SpecEnums.parse(choices, setting).orElseThrow();
  }
}
