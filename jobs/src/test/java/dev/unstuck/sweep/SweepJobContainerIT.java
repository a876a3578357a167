package dev.unstuck.sweep;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same sweep tests against Kafka in a container, where a Docker engine runs; skipped cleanly
 * elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class SweepJobContainerIT extends SweepJobContract {
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:3.9.1");

  @BeforeAll
  static void spark() {
    System.setProperty("spark.master", "local[2]");
  }

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
