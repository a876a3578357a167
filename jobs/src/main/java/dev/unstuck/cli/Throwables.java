package dev.unstuck.cli;

/** Looking through an exception's causes. */
final class Throwables {
  private Throwables() {}

  static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
