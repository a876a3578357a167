package dev.unstuck.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {
  private final KafkaSettings settings =
      new KafkaSettings(
          "broker-1:9093,broker-2:9093",
          Map.of(
              "security.protocol", "SASL_SSL",
              "sasl.mechanism", "PLAIN",
              "sasl.jaas.config",
                  "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
              "ssl.truststore.password", "changeit",
              "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----"));

  @Test
  void passThroughPropertiesReachTheClients() {
    assertThat(settings.clientConfig())
        .containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.password", "changeit");
  }

  @Test
  void secretsNeverReachTheLogLine() {
    String logged = settings.redacted();

    assertThat(logged).contains("broker-1:9093", "SASL_SSL", "PLAIN");
    assertThat(logged).doesNotContain("hunter2", "changeit", "PRIVATE KEY");
    assertThat(logged).contains("sasl.jaas.config=******", "ssl.truststore.password=******");
  }

  @Test
  void theProducerIsIdempotentAndWaitsForAllReplicas() {
    var config = KafkaTelemetrySink.producerConfig(settings);

    assertThat(config).containsEntry("enable.idempotence", true).containsEntry("acks", "all");
    assertThat((Integer) config.get("delivery.timeout.ms")).isGreaterThanOrEqualTo(5 * 60 * 1000);
    assertThat(config).containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void secretsCanComeFromAPropertiesFileAndTheCommandLineWins(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("kafka.properties"),
            "sasl.jaas.config=secret-from-file\nsecurity.protocol=SASL_PLAINTEXT\n");

    KafkaSettings merged =
        KafkaSettings.of("b:9092", Map.of("security.protocol", "SASL_SSL"), file);

    assertThat(merged.clientConfig())
        .containsEntry("sasl.jaas.config", "secret-from-file")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(merged.redacted()).doesNotContain("secret-from-file");
  }

  @Test
  void anUnreadablePropertiesFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    Assertions.assertThatThrownBy(() -> KafkaSettings.of("b:9092", Map.of(), missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.properties");
  }
}
