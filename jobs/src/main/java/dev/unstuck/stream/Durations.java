package dev.unstuck.stream;

import java.time.Duration;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.execution.streaming.ProcessingTimeTrigger;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Intervals in either of Spark's own spellings, read by Spark's own parsers, checked before
 * anything starts: a trigger's ({@code Trigger.ProcessingTime}: "2 seconds", "500 milliseconds",
 * "1.5 seconds") or a configuration value's ({@code spark.network.timeout}: "2s", "500ms",
 * "30min"). A number without a unit is refused: its unit would be a guess.
 */
final class Durations {
  private Durations() {}

  static Duration parse(String text) {
    String value = text == null ? "" : text.trim();
    if (!value.chars().anyMatch(Character::isLetter)) {
      throw invalid(text, "no unit");
    }
    try {
      return Duration.ofMillis(JavaUtils.timeStringAsMs(value));
    } catch (NumberFormatException notCompact) {
      try {
        return Duration.ofMillis(
            ((ProcessingTimeTrigger) Trigger.ProcessingTime(value)).intervalMs());
      } catch (IllegalArgumentException e) {
        throw invalid(text, e.getMessage());
      }
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not an interval like '2 seconds', '500ms' or '30 minutes' ("
            + why
            + ")");
  }
}
