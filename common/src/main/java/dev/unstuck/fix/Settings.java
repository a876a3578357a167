package dev.unstuck.fix;

import java.util.Locale;
import java.util.Optional;

/**
 * Parsing of the setting forms fixes share: numbers, ranges and multipliers like {@code x10} or
 * {@code x0.1}.
 */
final class Settings {
  private Settings() {}

  static boolean isMultiplier(String setting) {
    return setting.toLowerCase(Locale.ROOT).startsWith("x");
  }

  static double multiplier(String setting) {
    return Double.parseDouble(setting.substring(1));
  }

  static Optional<Double> number(String setting) {
    try {
      double value = Double.parseDouble(setting.trim());
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A positive multiplier ({@code x0.1}) or, when absolute values are allowed, a positive number.
   */
  static Optional<String> multiplierOrPositive(String setting, boolean absoluteAllowed) {
    String form =
        absoluteAllowed
            ? "a multiplier like x10 or x0.1, or a number > 0"
            : "a multiplier like x2 or x0.5";
    if (isMultiplier(setting)) {
      Optional<Double> factor = number(setting.substring(1));
      if (factor.isEmpty() || factor.get() <= 0) {
        return Optional.of("'" + setting + "' is not " + form);
      }
      if (factor.get() == 1) {
        return Optional.of("'" + setting + "' changes nothing");
      }
      return Optional.empty();
    }
    Optional<Double> value = number(setting);
    if (!absoluteAllowed || value.isEmpty() || value.get() <= 0) {
      return Optional.of("'" + setting + "' is not " + form);
    }
    return Optional.empty();
  }

  static Optional<String> inRange(String setting, double lowInclusive, double highExclusive) {
    Optional<Double> value = number(setting);
    if (value.isEmpty()) {
      return Optional.of("'" + setting + "' is not a number");
    }
    if (value.get() < lowInclusive || value.get() >= highExclusive) {
      String high = highExclusive == Double.MAX_VALUE ? "inf" : format(highExclusive);
      return Optional.of(setting + " not in [" + format(lowInclusive) + ", " + high + ")");
    }
    return Optional.empty();
  }

  static Optional<String> positive(String setting) {
    Optional<Double> value = number(setting);
    if (value.isEmpty()) {
      return Optional.of("'" + setting + "' is not a number");
    }
    return value.get() > 0 ? Optional.empty() : Optional.of("must be > 0, got " + setting);
  }

  static double scaled(double base, String setting) {
    return isMultiplier(setting) ? base * multiplier(setting) : Double.parseDouble(setting);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
