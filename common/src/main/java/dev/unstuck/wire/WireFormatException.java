package dev.unstuck.wire;

/**
 * A message that is not a record this codec can read. Typed, so consumers can count it and set it
 * aside.
 */
public final class WireFormatException extends Exception {

  /** What is wrong with the message. */
  public enum Reason {
    /** Too short or without the Avro single-object marker C3 01: not Avro single-object at all. */
    NOT_SINGLE_OBJECT,
    /**
     * A single-object message whose schema fingerprint is not the expected one: a foreign schema.
     */
    UNKNOWN_SCHEMA,
    /** Header fine, body unreadable: truncated or corrupt bytes. */
    CORRUPT
  }

  private final Reason reason;

  public WireFormatException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
