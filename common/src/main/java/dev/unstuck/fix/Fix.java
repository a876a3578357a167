package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Map;
import java.util.Optional;

/** One concrete fix: a fix type with a valid setting, e.g. learningRate x0.1. */
public record Fix(FixType type, String setting) {

  public String id() {
    return type.id(setting);
  }

  public FixFamily family() {
    return type.family();
  }

  public RunConfig apply(RunConfig baseline) {
    return type.apply(baseline, setting);
  }

  /** Why this fix cannot be applied to {@code baseline}, or empty when it can. */
  public Optional<String> inapplicable(RunConfig baseline) {
    return ImportedModelFixes.refusal(type, baseline, setting)
        .or(() -> type.inapplicable(baseline, setting));
  }

  /** The factor of a relative setting ({@code x0.1} is 0.1); empty for an absolute one. */
  public Optional<Double> multiplier() {
    String value = setting.trim();
    return Settings.isMultiplier(value)
        ? Optional.of(Settings.multiplier(value))
        : Optional.empty();
  }

  /** The fix as the key/value a user wrote, e.g. {learningRate=x0.1}. */
  public Map<String, String> params() {
    return Map.of(type.key(), setting);
  }

  @Override
  public String toString() {
    return type.key() + ": " + setting;
  }
}
