package dev.unstuck.text;

/**
 * Looking through an exception's causes, for the one line a user is shown (the stack trace goes to
 * the log).
 */
public final class Throwables {
  private Throwables() {}

  /** Whether {@code failure} or one of its causes is a {@code type}. */
  public static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first line of the root cause's message (its class name when it has none): wrappers
   * (Spark's, Kafka's futures') add nothing a user can act on.
   */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
