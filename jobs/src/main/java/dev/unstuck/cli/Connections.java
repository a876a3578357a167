package dev.unstuck.cli;

import dev.unstuck.db.DbCredentials;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.Topics;
import dev.unstuck.local.LocalKafka;
import dev.unstuck.local.LocalPostgres;
import dev.unstuck.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka and PostgreSQL a run talks to: the user's ({@code --bootstrap-servers}, {@code
 * --jdbc-url}), or started here on the run's stack, which stops them again when the run ends. An
 * external service is not ours to stop.
 *
 * @param credentialsFile the database login's file: the user's, the one written for a local
 *     PostgreSQL, or null (then the login comes from the environment)
 */
record Connections(
    KafkaSettings kafka,
    String jdbcUrl,
    Path credentialsFile,
    boolean startedKafka,
    boolean startedPostgres) {

  /**
   * Starts what the user did not name and checks that Kafka answers, with the run's topics.
   *
   * @throws dev.unstuck.kafka.KafkaUnreachableException when the broker does not answer
   */
  static Connections open(
      LocalStack stack,
      Path work,
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      String jdbcUrl,
      Path credentialsFile)
      throws IOException {
    String kafka = bootstrapServers;
    if (kafka == null) {
      kafka =
          stack.add("the Kafka broker", LocalKafka.start(work.resolve("kafka"))).bootstrapServers();
    }
    KafkaSettings settings = new KafkaSettings(kafka, kafkaProperties);
    settings.ensureReachable(
        Duration.ofSeconds(15), Topics.TELEMETRY, Topics.DIAGNOSIS, Topics.TELEMETRY_DEAD_LETTER);
    String jdbc = jdbcUrl;
    Path credentials = credentialsFile;
    if (jdbc == null) {
      LocalPostgres postgres =
          stack.add("PostgreSQL", LocalPostgres.start(work.resolve("postgres")));
      jdbc = postgres.jdbcUrl();
      credentials = work.resolve("db.credentials");
      Files.writeString(credentials, "user=" + postgres.user() + "\n");
    }
    return new Connections(settings, jdbc, credentials, bootstrapServers == null, jdbcUrl == null);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The database login: from the credentials file, or the environment, or none. */
  Properties login() throws IOException {
    return DbCredentials.fromFileOrEnvironment(credentialsFile).jdbcProperties();
  }

  /** The line that says what the run talks to, and what it started. */
  String summary() {
    return (startedKafka ? "Kafka (KRaft) started on " : "Kafka: ")
        + bootstrapServers()
        + "; "
        + (startedPostgres ? "PostgreSQL started at " : "PostgreSQL: ")
        + PostgresStore.redact(jdbcUrl)
        + started(startedKafka, startedPostgres);
  }

  /** What this command started and will stop, and only that. */
  static String started(boolean kafka, boolean postgres) {
    if (kafka && postgres) {
      return " (both stopped again when this ends)";
    }
    return kafka
        ? " (Kafka stopped again when this ends)"
        : postgres ? " (PostgreSQL stopped again when this ends)" : "";
  }
}
