package dev.unstuck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local broker and database work, and leave no port, process or data behind once stopped. */
class LocalServicesIT {

  @Test
  void kafkaAndPostgresServeAndStopWithoutLeftovers(@TempDir Path dir) throws Exception {
    int kafkaPort;
    int pgPort;
    try (LocalStack stack = new LocalStack(System.err)) {
      LocalKafka kafka = stack.add("Kafka", LocalKafka.start(dir.resolve("kafka")));
      LocalPostgres pg = stack.add("PostgreSQL", LocalPostgres.start(dir.resolve("pg")));
      kafkaPort = kafka.port();
      pgPort = pg.port();

      produce(kafka.bootstrapServers(), "local-test", 10);
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          ResultSet rs = c.createStatement().executeQuery("select 40 + 2")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
      assertThat(Ports.isListening(kafkaPort)).isTrue();
      assertThat(Ports.isListening(pgPort)).isTrue();
      assertThat(postgresProcesses(dir)).isNotEmpty();
    }
    assertThat(Ports.isListening(kafkaPort)).as("Kafka port closed").isFalse();
    assertThat(Ports.isListening(pgPort)).as("PostgreSQL port closed").isFalse();
    assertThat(awaitNoPostgresProcesses(dir)).as("no postgres process left").isEmpty();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("no child processes left")
        .isEmpty();
    assertThat(dir.resolve("pg")).doesNotExist();
  }

  @Test
  void aPortInUseIsOneClearLine(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> LocalKafka.start(dir.resolve("kafka"), port, Ports.free()))
          .isInstanceOf(LocalServiceException.class)
          .hasMessage(
              "port "
                  + port
                  + " on 127.0.0.1 is already in use, so the local Kafka broker cannot start"
                  + " there - stop whatever listens on it, or pick another port");
      assertThatThrownBy(() -> LocalPostgres.start(dir.resolve("pg"), port))
          .isInstanceOf(LocalServiceException.class)
          .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
          .hasMessageNotContaining("\n");
    }
  }

  private static void produce(String bootstrap, String topic, int n) throws Exception {
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(a)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Processes whose command line names the test's directory (the postgres server and its workers).
   */
  static List<ProcessHandle> postgresProcesses(Path dir) {
    String marker = dir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
        .toList();
  }

  static List<ProcessHandle> awaitNoPostgresProcesses(Path dir) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<ProcessHandle> left = postgresProcesses(dir);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      left = postgresProcesses(dir);
    }
    return left;
  }
}
