package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.testing.SweepSpecFiles;
import dev.unstuck.testing.TopicReader;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The production entry point (SweepJob's command line, as spark-submit calls it) on Spark local[2]
 * against a real Kafka broker, training a real sweep on the digits data. Subclasses say which
 * broker.
 */
abstract class SweepJobContract {
  static final int EPOCHS = 4;
  static final int SEEDS = 2;

  abstract String bootstrapServers();

  @Test
  void publishesEveryEpochOfEveryRunAndTheDiagnosisIsVisibleInTheTelemetry(@TempDir Path dir)
      throws Exception {
    Path spec = SweepSpecFiles.divergingDigits(dir, EPOCHS, SEEDS);
    String topic = "telemetry-it";

    int exit =
        new CommandLine(new SweepJob())
            .execute(
                "--spec",
                spec.toString(),
                "--bootstrap-servers",
                bootstrapServers(),
                "--topic",
                topic);

    assertThat(exit).as("every run reached a final state").isZero();
    List<EpochTelemetry> records =
        decodeAll(
            TopicReader.readAll(bootstrapServers(), topic, SEEDS * 2 * 2, Duration.ofSeconds(30)));
    Map<String, List<EpochTelemetry>> byRun =
        records.stream().collect(Collectors.groupingBy(EpochTelemetry::getRunId));
    assertThat(byRun.keySet())
        .containsExactlyInAnyOrder(
            "diverging-digits/baseline/seed-1", "diverging-digits/baseline/seed-2",
            "diverging-digits/lr-x0.01/seed-1", "diverging-digits/lr-x0.01/seed-2");

    for (List<EpochTelemetry> run : byRun.values()) {
      List<EpochTelemetry> running =
          run.stream().filter(r -> r.getStatus() == RunStatus.RUNNING).toList();
      List<EpochTelemetry> terminal =
          run.stream().filter(r -> r.getStatus() != RunStatus.RUNNING).toList();
      assertThat(terminal).as("exactly one terminal record per run").hasSize(1);
      assertThat(running.stream().map(EpochTelemetry::getEpoch).toList())
          .as("one record per epoch, in order, up to the terminal one")
          .isEqualTo(IntStream.rangeClosed(1, terminal.get(0).getEpoch()).boxed().toList());
    }

    // the baseline's learning rate is far too high: NaN or an exploding loss, and it never beats
    // chance
    for (int seed = 1; seed <= SEEDS; seed++) {
      List<EpochTelemetry> baseline = byRun.get("diverging-digits/baseline/seed-" + seed);
      EpochTelemetry last = baseline.get(baseline.size() - 1);
      boolean blewUp =
          last.getStatus() == RunStatus.DIVERGED
              || baseline.stream()
                  .anyMatch(r -> r.getTrainLoss() != null && r.getTrainLoss() > 5 * Math.log(10));
      assertThat(blewUp).as("baseline seed %d diverged: %s", seed, last).isTrue();
      // and the learning-rate fix learns: validation accuracy far above chance (0.1)
      List<EpochTelemetry> fix = byRun.get("diverging-digits/lr-x0.01/seed-" + seed);
      EpochTelemetry fixLast = fix.get(fix.size() - 1);
      assertThat(fixLast.getStatus()).isEqualTo(RunStatus.FINISHED);
      assertThat(fixLast.getValAccuracy()).isGreaterThan(0.5);
      assertThat(fixLast.getLayers()).hasSize(2);
      assertThat(fixLast.getLayers().get(0).getGradientNorm()).isPositive();
      assertThat(fixLast.getValPerClassRecall()).hasSize(10);
      assertThat(fixLast.getClassLabels()).hasSize(10);
    }
  }

  @Test
  void recordsAreKeyedByExecutionAndRunId(@TempDir Path dir) {
    Path spec = SweepSpecFiles.divergingDigits(dir, 1, 1);
    String topic = "telemetry-keys";
    assertThat(
            new CommandLine(new SweepJob())
                .execute(
                    "--spec",
                    spec.toString(),
                    "--bootstrap-servers",
                    bootstrapServers(),
                    "--topic",
                    topic))
        .isZero();
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.readAll(bootstrapServers(), topic, 4, Duration.ofSeconds(30));
    assertThat(records).hasSize(4); // 2 runs x (1 epoch + terminal)
    // one submission: one execution id, carried in every record and leading every key
    assertThat(records)
        .extracting(r -> decode(r.value()).getExecutionId())
        .doesNotContain("")
        .containsOnly(decode(records.get(0).value()).getExecutionId());
    for (ConsumerRecord<String, byte[]> record : records) {
      EpochTelemetry telemetry = decode(record.value());
      assertThat(record.key()).isEqualTo(telemetry.getExecutionId() + "/" + telemetry.getRunId());
    }
  }

  @Test
  void anUnreachableBrokerFailsWithinSecondsNamingTheServers(@TempDir Path dir) {
    Path spec = SweepSpecFiles.divergingDigits(dir, 1, 1);
    StringWriter err = new StringWriter();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    long start = System.nanoTime();
    int exit;
    try {
      exit =
          new CommandLine(new SweepJob())
              .execute(
                  "--spec",
                  spec.toString(),
                  "--bootstrap-servers",
                  "127.0.0.1:1",
                  "--kafka-timeout",
                  "3");
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(SweepJob.KAFKA_UNREACHABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(captured.toString()).contains("127.0.0.1:1");
  }

  private static List<EpochTelemetry> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
    List<EpochTelemetry> decoded = new ArrayList<>();
    records.forEach(r -> decoded.add(decode(r.value())));
    return decoded;
  }

  private static EpochTelemetry decode(byte[] bytes) {
    try {
      return Codecs.TELEMETRY.decode(bytes);
    } catch (WireFormatException e) {
      throw new AssertionError("undecodable telemetry", e);
    }
  }
}
