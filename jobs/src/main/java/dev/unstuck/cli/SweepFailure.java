package dev.unstuck.cli;

import dev.unstuck.data.DataException;
import dev.unstuck.kafka.KafkaUnreachableException;
import dev.unstuck.local.LocalServiceException;
import dev.unstuck.spec.SpecException;
import dev.unstuck.text.Throwables;

/**
 * The exit code and one line for a sweep job that ended with an exception instead of an exit code.
 * Such a sweep publishes nothing more, so the launcher must end at once with its error rather than
 * wait for runs that cannot come.
 */
final class SweepFailure {
  static final int BAD_DATA = 4;

  private SweepFailure() {}

  /**
   * 4 when the data is at fault, 3 for an unreachable service, 2 for the spec, 1 for anything else.
   */
  static int exitCode(Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DataException) {
        return BAD_DATA;
      }
      if (cause instanceof KafkaUnreachableException || cause instanceof LocalServiceException) {
        return RunCommand.SERVICES;
      }
      if (cause instanceof SpecException) {
        return RunCommand.BAD_SPEC;
      }
    }
    return RunCommand.INCOMPLETE;
  }

  /** The line the terminal shows; the stack trace goes to the log file. */
  static String line(Throwable failure, String logFile) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DataException) {
        return cause.getMessage();
      }
    }
    return "the sweep job failed: "
        + Throwables.rootMessage(failure)
        + " (the details are in "
        + logFile
        + ")";
  }
}
