package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.kafka.Topics;
import dev.unstuck.local.Ports;
import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.wire.Codecs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code unstuck watch} against a real broker: what the diagnosis topic holds, as a person reads
 * it.
 */
class WatchCommandIT {
  private static InProcessKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = InProcessKafka.start();
    kafka.createTopics(2, Topics.DIAGNOSIS);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void printsRunStatesAndVerdictsFromTheBeginningAndStopsCleanly() throws Exception {
    publish(
        diagnosis("diverging-lr/baseline/seed-1", 2, "DIVERGED", LearningState.DIVERGED, true),
        verdict("lr-x0.001", "DIVERGING", true));
    WatchCommand watch = new WatchCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(watch).setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--from-beginning",
                    "--evidence"));

    awaitOutput(out, "verdict");
    publish(
        diagnosis("diverging-lr/lr-x0.001/seed-1", 3, "RUNNING", LearningState.LEARNING, false));
    awaitOutput(out, "lr-x0.001/seed-1");
    watch.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

    String text = out.toString();
    assertThat(text)
        .contains(
            "watching unstuck.diagnosis on " + kafka.bootstrapServers() + " from the beginning");
    assertThat(text)
        .containsPattern(
            "run +diverging-lr/baseline/seed-1 +epoch +2 +DIVERGED +DIVERGED +bal.acc 0.100"
                + " +DIVERGING +\\[final]");
    assertThat(text).contains("DIVERGING: loss became NaN at epoch 2");
    assertThat(text)
        .contains(
            "verdict  diverging-lr lr-x0.001 (LEARNING_RATE) vs DIVERGING: RESOLVED"
                + "  bal.acc 0.100 -> 0.950  +0.850 ± 0.010  learns at epoch 2  [final]");
    // (?m): "$" ends that line - the fix's run line itself says "no symptoms", not any line of the
    // output
    assertThat(text)
        .containsPattern(
            "(?m)diverging-lr/lr-x0.001/seed-1 +epoch +3 +RUNNING +LEARNING +bal.acc 0.950"
                + " +no symptoms$");
  }

  @Test
  void anUnreachableBrokerIsOneLineAndExitCode3() {
    StringWriter err = new StringWriter();
    int port = Ports.free();
    int exit =
        new CommandLine(new WatchCommand())
            .setErr(new PrintWriter(err, true))
            .execute("--bootstrap-servers", "127.0.0.1:" + port, "--kafka-timeout", "2");
    assertThat(exit).isEqualTo(WatchCommand.KAFKA_UNREACHABLE);
    assertThat(err.toString().strip())
        .startsWith("unstuck: Kafka at 127.0.0.1:" + port + " did not answer")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!out.toString().contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(out.toString()).contains(text);
  }

  private static void publish(Object... records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Object record : records) {
        if (record instanceof RunDiagnosis d) {
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.DIAGNOSIS, d.getRunId(), Codecs.RUN_DIAGNOSIS.encode(d)))
              .get();
        } else if (record instanceof FixVerdict v) {
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.DIAGNOSIS, v.getSweepId(), Codecs.FIX_VERDICT.encode(v)))
              .get();
        }
      }
    }
  }

  static RunDiagnosis diagnosis(
      String runId, int epoch, String status, LearningState state, boolean last) {
    boolean diverged = state == LearningState.DIVERGED;
    return RunDiagnosis.newBuilder()
        .setSweepId("diverging-lr")
        .setRunId(runId)
        .setVariantId(runId.split("/")[1])
        .setFixFamily(diverged ? "BASELINE" : "LEARNING_RATE")
        .setSeed(1)
        .setEpoch(epoch)
        .setStatus(status)
        .setLearningState(state)
        .setValBalancedAccuracy(diverged ? 0.1 : 0.95)
        .setSymptoms(
            diverged
                ? List.of(
                    SymptomEvidence.newBuilder()
                        .setSymptom("DIVERGING")
                        .setMetric("train_loss")
                        .setFromEpoch(2)
                        .setToEpoch(2)
                        .setValue(Double.NaN)
                        .setThreshold(1e5)
                        .setExplanation("loss became NaN at epoch 2")
                        .build())
                : List.of())
        .setFinalDiagnosis(last)
        .setTimestampMs(System.currentTimeMillis())
        .build();
  }

  static FixVerdict verdict(String fix, String symptom, boolean resolved) {
    return FixVerdict.newBuilder()
        .setSweepId("diverging-lr")
        .setVariantId(fix)
        .setFixFamily("LEARNING_RATE")
        .setFixParams(Map.of("learningRate", "x0.001"))
        .setBaselineSymptom(symptom)
        .setBaselineSymptoms(List.of(symptom))
        .setSeeds(2)
        .setComparedEpoch(8)
        .setResolved(resolved)
        .setBaselineMetric(0.1)
        .setVariantMetric(0.95)
        .setMetricDelta(0.85)
        .setMetricDeltaSpread(0.01)
        .setEpochsToLearn(2.0)
        .setRemainingSymptoms(List.of())
        .setNewSymptoms(List.of())
        .setFinalVerdict(true)
        .setTimestampMs(System.currentTimeMillis())
        .build();
  }
}
