package dev.unstuck.local;

/**
 * A local service (broker, database) could not start; the message is one line a newcomer can act
 * on.
 */
public final class LocalServiceException extends RuntimeException {
  public LocalServiceException(String message, Throwable cause) {
    super(message, cause);
  }

  public LocalServiceException(String message) {
    super(message);
  }
}
