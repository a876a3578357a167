package dev.unstuck.fix;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Execution ids: one per submission of a sweep, e.g. {@code 20261130T044512Z-3fa2c1}. The UTC time
 * the submission started, so ids of one sweep sort by when they ran, and 24 random bits, so two
 * submissions in the same second (two launchers, a script) still differ.
 */
public final class ExecutionIds {
  private static final DateTimeFormatter UTC_SECOND =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ExecutionIds() {}

  /** A new id for a submission starting now. */
  public static String next() {
    return of(Instant.now(), new SecureRandom());
  }

  /** The id of a submission started at {@code start}, its suffix drawn from {@code random}. */
  public static String of(Instant start, RandomGenerator random) {
    byte[] suffix = new byte[3];
    for (int i = 0; i < suffix.length; i++) {
      suffix[i] = (byte) random.nextInt(256);
    }
    return UTC_SECOND.format(start) + "-" + HexFormat.of().formatHex(suffix);
  }
}
