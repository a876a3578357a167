package dev.unstuck.kafka;

/** Default topic names; every job takes others by option. */
public final class Topics {
  public static final String TELEMETRY = "unstuck.telemetry";
  public static final String DIAGNOSIS = "unstuck.diagnosis";
  public static final String TELEMETRY_DEAD_LETTER = "unstuck.telemetry.dlq";

  private Topics() {}
}
