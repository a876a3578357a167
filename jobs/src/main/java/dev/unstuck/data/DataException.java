package dev.unstuck.data;

/**
 * The dataset cannot be used as the spec says; the message names the column and how many rows are
 * at fault.
 */
public final class DataException extends RuntimeException {
  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
