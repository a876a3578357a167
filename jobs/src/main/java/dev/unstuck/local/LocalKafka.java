package dev.unstuck.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka in KRaft mode (broker and controller in one server) running inside this
 * JVM on loopback: the same server {@code bin/kafka-server-start.sh} runs, from kafka_2.12's main
 * classes. For {@code bin/unstuck run} when no {@code --bootstrap-servers} is given.
 */
public final class LocalKafka implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 60_000;

  private final Path dir;
  private final int brokerPort;
  private final AtomicBoolean closed = new AtomicBoolean();
  private KafkaRaftServer server;

  private LocalKafka(Path dir, int brokerPort) {
    this.dir = dir;
    this.brokerPort = brokerPort;
  }

  /** Starts a broker on free loopback ports, its data under {@code dir}. */
  public static LocalKafka start(Path dir) {
    return start(dir, Ports.free(), Ports.free());
  }

  /** Starts a broker on the given loopback ports; a port in use fails with one clear line. */
  public static LocalKafka start(Path dir, int brokerPort, int controllerPort) {
    Ports.requireFree(brokerPort, "Kafka broker");
    Ports.requireFree(controllerPort, "Kafka controller");
    LocalKafka kafka = new LocalKafka(dir, brokerPort);
    try {
      Properties props = serverProperties(dir, brokerPort, controllerPort);
      format(dir, props);
      kafka.server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      kafka.server.startup();
      if (!Ports.awaitListening(brokerPort, START_TIMEOUT_MS)) {
        throw new LocalServiceException(
            "the local Kafka broker did not open port "
                + brokerPort
                + " within "
                + START_TIMEOUT_MS / 1000
                + " s");
      }
      return kafka;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kafka.close();
      throw new LocalServiceException("interrupted while starting the local Kafka broker", e);
    } catch (RuntimeException e) {
      kafka.close();
      if (e instanceof LocalServiceException) {
        throw e;
      }
      if (causedByBind(e)) {
        throw new LocalServiceException(
            "port "
                + brokerPort
                + " or "
                + controllerPort
                + " on 127.0.0.1 is already in use, so the local Kafka broker cannot start",
            e);
      }
      throw new LocalServiceException("the local Kafka broker did not start: " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public int port() {
    return brokerPort;
  }

  static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("num.partitions", "2");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    return p;
  }

  /** Same as {@code kafka-storage.sh format -t <id> -c server.properties --ignore-formatted}. */
  private static void format(Path dir, Properties props) {
    try {
      Files.createDirectories(dir);
      Path propsFile = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(propsFile)) {
        props.store(out, "unstuck local KRaft broker");
      }
      // --ignore-formatted still checks the cluster id: reuse the first one on a restart
      Path idFile = dir.resolve("cluster.id");
      if (!Files.exists(idFile)) {
        Files.writeString(idFile, Uuid.randomUuid().toString());
      }
      int rc =
          StorageTool$.MODULE$.execute(
              new String[] {
                "format",
                "-t",
                Files.readString(idFile).trim(),
                "-c",
                propsFile.toString(),
                "--ignore-formatted"
              },
              new PrintStream(OutputStream.nullOutputStream()));
      if (rc != 0) {
        throw new LocalServiceException(
            "formatting the local Kafka storage in " + dir + " failed (" + rc + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the local Kafka configuration in " + dir, e);
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** Controlled shutdown; idempotent, safe from a shutdown hook. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
  }

  @Override
  public String toString() {
    return "Kafka " + bootstrapServers() + " (data in " + dir + ")";
  }
}
