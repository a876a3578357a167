package dev.unstuck.kafka;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Where Kafka is and how to talk to it. Extra client properties ({@code --kafka-property
 * security.protocol=SASL_SSL} and friends) pass through to every client; values of secret-looking
 * keys never reach a log.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties)
    implements Serializable {

  public KafkaSettings {
    clientProperties = Map.copyOf(clientProperties);
  }

  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Map.of());
  }

  /**
   * Settings from the command line plus an optional Java properties file, the place for secrets
   * such as {@code sasl.jaas.config} (a mounted Kubernetes Secret, say), which must not appear in a
   * command line. Properties given on the command line win over the file's.
   */
  public static KafkaSettings of(
      String bootstrapServers, Map<String, String> properties, Path propertiesFile) {
    Map<String, String> merged = new HashMap<>();
    if (propertiesFile != null) {
      Properties fromFile = new Properties();
      try (var reader = Files.newBufferedReader(propertiesFile)) {
        fromFile.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the Kafka properties file " + propertiesFile + ": " + e);
      }
      fromFile.stringPropertyNames().forEach(key -> merged.put(key, fromFile.getProperty(key)));
    }
    merged.putAll(properties);
    return new KafkaSettings(bootstrapServers, merged);
  }

  /** Base client properties: bootstrap servers plus the pass-through ones. */
  public Properties clientConfig() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /** For logs: the pass-through properties with secrets masked. */
  public String redacted() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((key, value) -> shown.put(key, isSecret(key) ? "******" : value));
    return "bootstrap.servers=" + bootstrapServers + (shown.isEmpty() ? "" : " " + shown);
  }

  private KafkaUnreachableException unreachable(Duration timeout, Exception cause) {
    return new KafkaUnreachableException(
        "Kafka at "
            + bootstrapServers
            + " did not answer within "
            + timeout.toSeconds()
            + " s - is the broker running and reachable from here?",
        cause);
  }

  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password")
        || lower.contains("secret")
        || lower.contains("jaas")
        || lower.contains("token")
        || lower.endsWith(".key")
        || lower.contains("credentials");
  }

  /**
   * Fails fast, naming the servers, when no broker answers within {@code timeout}; then makes sure
   * the topics exist (created with the cluster's default replication when missing).
   */
  public void ensureReachable(Duration timeout, String... topics) {
    Properties props = clientConfig();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .clusterId()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      var existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      var missing =
          Arrays.stream(topics)
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      throw unreachable(timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return; // created concurrently by another client: fine
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(timeout, e); // the client's own timeout fired first: the same situation
      }
      throw new KafkaUnreachableException(
          "Kafka at " + bootstrapServers + " refused: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnreachableException(
          "interrupted while contacting Kafka at " + bootstrapServers, e);
    }
  }
}
