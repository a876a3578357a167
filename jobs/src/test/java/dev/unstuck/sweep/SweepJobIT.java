package dev.unstuck.sweep;

import dev.unstuck.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sweep job against a real KRaft broker running inside the test JVM (no Docker needed). */
class SweepJobIT extends SweepJobContract {
  static InProcessKafka kafka;

  @BeforeAll
  static void startKafka() {
    System.setProperty("spark.master", "local[2]");
    kafka = InProcessKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Override
  String bootstrapServers() {
    return kafka.bootstrapServers();
  }
}
