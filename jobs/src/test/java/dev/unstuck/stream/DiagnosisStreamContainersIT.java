package dev.unstuck.stream;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end scenario against a Kafka and a PostgreSQL in containers - what a cluster
 * deployment talks to. Runs where a Docker engine is reachable; reported as skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class DiagnosisStreamContainersIT {
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

  @Container
  static final PostgreSQLContainer<?> POSTGRES =
      new PostgreSQLContainer<>("postgres:16-alpine")
          .withUsername(StreamScenario.USER)
          .withPassword(StreamScenario.PASSWORD);

  @Test
  void diagnosesASweepIntoEveryTableAndTopic(@TempDir Path tmp) throws Exception {
    Path credentials =
        StreamScenario.credentialsFile(tmp, StreamScenario.USER, StreamScenario.PASSWORD);
    StreamScenario.endToEnd(
        StreamTestSpark.get(),
        KAFKA.getBootstrapServers(),
        POSTGRES.getJdbcUrl(),
        credentials,
        tmp.resolve("ckpt"));
  }
}
