package dev.unstuck.cli;

import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.Topics;
import dev.unstuck.options.OptionChecks;
import dev.unstuck.report.LiveDiagnosis;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code unstuck watch}: follows the diagnosis topic and prints each run diagnosis and fix verdict
 * as it arrives. Reads without a consumer group (it commits nothing); Ctrl-C stops it cleanly.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = "Follow the diagnosis topic: runs' states and fixes' verdicts as they arrive.")
final class WatchCommand implements Callable<Integer> {
  static final int KAFKA_UNREACHABLE = 3;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description =
          "Kafka bootstrap servers (default: ${DEFAULT-VALUE}); bin/unstuck run prints its own")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = Topics.DIAGNOSIS,
      description = "diagnosis topic (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(
      names = "--from-beginning",
      description = "print what the topic already holds, then follow")
  boolean fromBeginning;

  @Option(names = "--evidence", description = "print each symptom's evidence under its run")
  boolean evidence;

  @Option(
      names = "--kafka-property",
      description = "extra Kafka client property, e.g. security.protocol=SASL_SSL")
  Map<String, String> kafkaProperties = new HashMap<>();

  int kafkaTimeoutSeconds;

  @Option(
      names = "--kafka-timeout",
      defaultValue = "10",
      description = "seconds to wait for Kafka at start")
  void kafkaTimeoutSeconds(int value) {
    kafkaTimeoutSeconds =
        OptionChecks.atLeast(command, "--kafka-timeout", 1, value, "seconds to wait for Kafka");
  }

  @Spec CommandSpec command;

  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile KafkaConsumer<String, byte[]> consumer;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    KafkaSettings kafka = new KafkaSettings(bootstrapServers, kafkaProperties);
    String problem = checkReachable(kafka);
    if (problem != null) {
      err.println("unstuck: " + problem);
      err.flush();
      return KAFKA_UNREACHABLE;
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop();
              try {
                finished.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "unstuck-watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      follow(kafka, out);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for the latch released above
      }
    }
    return 0;
  }

  /** Stops {@link #follow} from another thread (Ctrl-C, tests). */
  void stop() {
    stopped.set(true);
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private void follow(KafkaSettings kafka, PrintWriter out) throws InterruptedException {
    Properties props = kafka.clientConfig();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    LiveDiagnosis lines = new LiveDiagnosis(ZoneId.systemDefault(), evidence);
    try (KafkaConsumer<String, byte[]> kafkaConsumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = kafkaConsumer;
      if (stopped.get()) {
        return;
      }
      List<TopicPartition> partitions = awaitPartitions(kafkaConsumer, out);
      if (partitions.isEmpty()) {
        return;
      }
      kafkaConsumer.assign(partitions);
      if (fromBeginning) {
        kafkaConsumer.seekToBeginning(partitions);
      } else {
        kafkaConsumer.seekToEnd(partitions);
      }
      out.println(
          "watching "
              + topic
              + " on "
              + bootstrapServers
              + (fromBeginning ? " from the beginning" : "")
              + " - Ctrl-C to stop");
      out.flush();
      while (!stopped.get()) {
        for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(Duration.ofMillis(500))) {
          out.println(lines.format(record.value()));
        }
        out.flush();
      }
    } catch (WakeupException stopping) {
      // stop() woke the consumer up: leave the loop
    } finally {
      consumer = null;
      out.flush();
    }
  }

  /** The topic's partitions, waiting (and saying so) while it does not exist yet. */
  private List<TopicPartition> awaitPartitions(
      KafkaConsumer<String, byte[]> kafkaConsumer, PrintWriter out) throws InterruptedException {
    boolean said = false;
    while (!stopped.get()) {
      List<PartitionInfo> infos =
          kafkaConsumer.listTopics(Duration.ofSeconds(kafkaTimeoutSeconds)).get(topic);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      if (!said) {
        out.println(
            "waiting for topic "
                + topic
                + " on "
                + bootstrapServers
                + " (the diagnosis stream job creates it)");
        out.flush();
        said = true;
      }
      Thread.sleep(1000);
    }
    return List.of();
  }

  private String checkReachable(KafkaSettings kafka) {
    Properties props = kafka.clientConfig();
    int timeoutMs = (int) TimeUnit.SECONDS.toMillis(kafkaTimeoutSeconds);
    props.put("request.timeout.ms", timeoutMs);
    props.put("default.api.timeout.ms", timeoutMs);
    try (Admin admin = Admin.create(props)) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
          .clusterId()
          .get(timeoutMs, TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while contacting Kafka at " + bootstrapServers;
    } catch (Exception e) {
      return "Kafka at "
          + bootstrapServers
          + " did not answer within "
          + kafkaTimeoutSeconds
          + " s - is the broker running? (bin/unstuck run prints the address of the one it starts)";
    }
  }
}
