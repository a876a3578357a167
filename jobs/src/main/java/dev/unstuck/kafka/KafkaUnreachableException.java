package dev.unstuck.kafka;

/** Kafka could not be reached or used at start; the message names the bootstrap servers. */
public final class KafkaUnreachableException extends RuntimeException {
  public KafkaUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
