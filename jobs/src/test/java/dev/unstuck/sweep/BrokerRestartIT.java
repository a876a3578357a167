package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.local.LocalKafka;
import dev.unstuck.local.Ports;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import dev.unstuck.testing.TopicReader;
import dev.unstuck.wire.Codecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The broker goes down in the middle of a sweep and comes back on the same address: the idempotent
 * producer retries, and the topic ends with every record exactly once.
 */
class BrokerRestartIT {
  static final int EPOCHS = 60;
  static final int SEEDS = 2;

  /** Polls the topic's end offsets until something was written to it. */
  static void awaitFirstRecords(String bootstrap, String topic, Duration timeout)
      throws InterruptedException {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        try {
          var partitions =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(5, TimeUnit.SECONDS)
                  .get(topic)
                  .partitions();
          var request = new HashMap<TopicPartition, OffsetSpec>();
          partitions.forEach(
              p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
          long written =
              admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream()
                  .mapToLong(info -> info.offset())
                  .sum();
          if (written > 0) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // the topic is not there yet: the sweep creates it when it starts
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("nothing was published to " + topic + " within " + timeout);
  }

  @Test
  void aBrokerRestartDuringTheSweepLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
    LocalSpark.session();
    int brokerPort = Ports.free();
    int controllerPort = Ports.free();
    Path kafkaDir = dir.resolve("kafka");
    LocalKafka kafka = LocalKafka.start(kafkaDir, brokerPort, controllerPort);
    String bootstrap = kafka.bootstrapServers();
    Path spec = SweepSpecFiles.divergingDigits(dir, EPOCHS, SEEDS);
    try {
      CompletableFuture<Integer> sweep =
          CompletableFuture.supplyAsync(
              () ->
                  new CommandLine(new SweepJob())
                      .execute(
                          "--spec",
                          spec.toString(),
                          "--bootstrap-servers",
                          bootstrap,
                          "--topic",
                          "restart"));
      // as soon as the sweep has published, take the broker away for a few seconds
      awaitFirstRecords(bootstrap, "restart", Duration.ofSeconds(90));
      assertThat(sweep).as("the sweep is still training when the broker goes down").isNotDone();
      kafka.close();
      Thread.sleep(4_000);
      kafka = LocalKafka.start(kafkaDir, brokerPort, controllerPort);

      assertThat(sweep.get(5, TimeUnit.MINUTES)).isZero();
      List<ConsumerRecord<String, byte[]>> records =
          TopicReader.readAll(bootstrap, "restart", 1, Duration.ofSeconds(30));
      List<String> epochs =
          records.stream()
              .map(
                  r -> {
                    try {
                      EpochTelemetry t = Codecs.TELEMETRY.decode(r.value());
                      return t.getRunId() + "#" + t.getEpoch() + "#" + t.getStatus();
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  })
              .toList();
      assertThat(epochs).doesNotHaveDuplicates();
      // every run: one record per epoch it reached plus its terminal record, epochs 1..n without a
      // gap
      epochs.stream()
          .map(e -> e.substring(0, e.indexOf('#')))
          .distinct()
          .forEach(
              run -> {
                List<String> ofRun = epochs.stream().filter(e -> e.startsWith(run + "#")).toList();
                long terminal = ofRun.stream().filter(e -> !e.endsWith("#RUNNING")).count();
                long running = ofRun.size() - terminal;
                assertThat(terminal).as(run).isEqualTo(1);
                assertThat(ofRun)
                    .as(run)
                    .allSatisfy(
                        e ->
                            assertThat(Integer.parseInt(e.split("#")[1]))
                                .isBetween(1, (int) running));
              });
      assertThat(epochs.stream().map(e -> e.substring(0, e.indexOf('#'))).distinct())
          .hasSize(2 * SEEDS);
    } finally {
      kafka.close();
    }
  }
}
