package dev.unstuck.stream;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spark-style interval strings ("2 seconds", "30 minutes", "500 ms") as durations, checked before any start. */
final class Durations {
  private static final Pattern INTERVAL = Pattern.compile(
      "\\s*(\\d+)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)\\s*");

  private Durations() {}

  static Duration parse(String text) {
    Matcher m = INTERVAL.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an interval like '2 seconds' or '30 minutes'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit.equals("ms") || unit.startsWith("milli")) {
      return Duration.ofMillis(n);
    }
    return switch (unit.charAt(0)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
