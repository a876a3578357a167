package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.db.DbCredentials;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.kafka.KafkaPublisher;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.testing.TopicReader;
import dev.unstuck.wire.Codecs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end on Spark local[2], a real KRaft broker in this JVM and embedded PostgreSQL
 * (zonky): one broker and one database server for the class, a database and topics per test.
 */
class DiagnosisStreamIT {
  static InProcessKafka kafka;
  static EmbeddedPostgres postgres;
  static SparkSession spark;
  @TempDir static Path tmp;
  static Path credentials;

  @BeforeAll
  static void startAll() throws Exception {
    kafka = InProcessKafka.start();
    kafka.createTopics(
        2,
        "e2e.telemetry",
        "restart.telemetry",
        "outage.telemetry",
        "evolve.telemetry",
        "evolveref.telemetry",
        "rerun.telemetry");
    postgres = EmbeddedPostgres.builder().start();
    spark = StreamTestSpark.get();
    credentials = StreamScenario.credentialsFile(tmp, StreamScenario.USER, StreamScenario.PASSWORD);
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  static String database(String name) throws Exception {
    StreamScenario.createDatabase(url("postgres"), name);
    return url(name);
  }

  static String url(String db) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + db;
  }

  @Test
  void diagnosesASweepIntoEveryTableAndTopic() throws Exception {
    StreamScenario.endToEnd(
        spark, kafka.bootstrapServers(), database("e2e"), credentials, tmp.resolve("ckpt-e2e"));
  }

  @Test
  void everyRunOfASweepNameIsAnExecutionOfItsOwnAndTheLatestIsShownByDefault() throws Exception {
    StreamScenario.reRunsOfASweepName(
        spark, kafka.bootstrapServers(), database("rerun"), credentials, tmp.resolve("ckpt-rerun"));
  }

  @Test
  void olderProducersAndAStateRestoredAcrossAnUpgradeEndAsTodaysProducersAlone() throws Exception {
    StreamScenario.upgradeMidSweep(
        spark,
        kafka.bootstrapServers(),
        database("evolve"),
        database("evolve_reference"),
        credentials,
        tmp);
  }

  @Test
  void aStoredRecordTheStateSetAsideReachesTheDeadLetterTopicCounted() throws Exception {
    PostgresStore store =
        new PostgresStore(database("set_aside"), DbCredentials.fromFile(credentials));
    store.migrate();
    SweepFixture fixture = SweepFixture.standard("aside");
    byte[] next =
        ReleaseProducer.withSchema(
                ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"))
            .encode(fixture.records.get(1));
    SweepRuns sweep = new SweepRuns("aside", Thresholds.DEFAULTS);
    fixture.records.forEach(r -> sweep.accept(r, Codecs.TELEMETRY.encode(r)));
    List<DiagnosisOutput> outputs = new ArrayList<>();
    outputs.add(
        new DiagnosisOutput(
            DiagnosisOutput.DEAD_LETTER, "aside", next, TelemetryDecoding.UNKNOWN_SCHEMA));
    outputs.addAll(SweepDiagnoser.outputs(sweep, Set.of("aside/baseline/seed-1"), 1L));
    StreamCounters counters = new StreamCounters();

    try (KafkaPublisher publisher =
        new KafkaPublisher(KafkaSettings.of(kafka.bootstrapServers()))) {
      new DiagnosisWriter(store, publisher, "aside.diagnosis", "aside.dlq", counters)
          .call(spark.createDataset(outputs, Encoders.bean(DiagnosisOutput.class)), 0L);
    } finally {
      store.close();
    }

    assertThat(counters.setAside()).isEqualTo(1);
    assertThat(counters.deadLetters()).as("telemetry-topic dead letters only").isZero();
    assertThat(counters.diagnoses()).isEqualTo(1);
    List<ConsumerRecord<String, byte[]>> dead =
        TopicReader.readAll(kafka.bootstrapServers(), "aside.dlq", 1, Duration.ofSeconds(30));
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("aside");
              assertThat(r.value()).isEqualTo(next);
              assertThat(
                      new String(
                          r.headers().lastHeader(IngestWriter.REASON_HEADER).value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("UNKNOWN_SCHEMA");
              assertThat(
                      new String(
                          r.headers().lastHeader(IngestWriter.SOURCE_HEADER).value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("state/aside");
            });
  }

  @Test
  void killedMidStreamAndRestartedEndsIdenticalToAnUninterruptedRun() throws Exception {
    String topicPrefix = "restart";
    SweepFixture fixture = SweepFixture.standard("restart");
    SweepFixture.produce(kafka.bootstrapServers(), topicPrefix + ".telemetry", fixture.records);
    String reference = database("restart_reference");
    String interrupted = database("restart_interrupted");

    RunningDiagnosis uninterrupted =
        StreamScenario.start(
            spark,
            StreamScenario.args(
                kafka.bootstrapServers(),
                reference,
                credentials,
                tmp.resolve("ckpt-reference"),
                topicPrefix));
    StreamScenario.caughtUp(uninterrupted);
    uninterrupted.stop();

    List<String> args =
        StreamScenario.args(
            kafka.bootstrapServers(),
            interrupted,
            credentials,
            tmp.resolve("ckpt-interrupted"),
            topicPrefix,
            "--max-records-per-trigger",
            "6",
            "--trigger",
            "200ms");
    RunningDiagnosis first = StreamScenario.start(spark, args);
    StreamScenario.waitFor(
        "a first diagnosis",
        Duration.ofMinutes(2),
        () -> StreamScenario.count(interrupted, "run_diagnosis") > 0);
    first.stop();
    long epochsAtStop = StreamScenario.count(interrupted, "epoch_metric");
    assertThat(epochsAtStop).as("stopped mid-stream").isLessThan(fixture.distinctEpochs());

    RunningDiagnosis second = StreamScenario.start(spark, args);
    StreamScenario.caughtUp(second);
    second.stop();

    Map<String, List<String>> expected = StreamScenario.dumpAll(reference, false);
    assertThat(expected.get("epoch_metric")).hasSize((int) fixture.distinctEpochs());
    assertThat(StreamScenario.dumpAll(interrupted, false)).isEqualTo(expected);
  }

  @Test
  void waitsOutADatabaseOutageAndLosesNothing() throws Exception {
    Path dataDir = tmp.resolve("outage-pgdata");
    EmbeddedPostgres own =
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    int port = own.getPort();
    String jdbcUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
    SweepFixture fixture = SweepFixture.standard("outage");
    List<EpochTelemetry> firstHalf =
        fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList();
    List<EpochTelemetry> secondHalf =
        fixture.records.stream().filter(r -> r.getEpoch() > 4).toList();
    String bootstrap = kafka.bootstrapServers();
    SweepFixture.produce(bootstrap, "outage.telemetry", firstHalf);
    RunningDiagnosis running =
        StreamScenario.start(
            spark,
            StreamScenario.args(
                bootstrap,
                jdbcUrl,
                credentials,
                tmp.resolve("ckpt-outage"),
                "outage",
                DiagnosisStreamJob.HEALTH_PORT,
                "0",
                DiagnosisStreamJob.DATABASE_GRACE,
                "1 second"));
    try {
      StreamScenario.caughtUp(running);
      int healthPort = running.healthPort().orElseThrow();
      assertThat(get(healthPort, "/health/ready").statusCode()).isEqualTo(200);
      own.close();
      SweepFixture.produce(bootstrap, "outage.telemetry", secondHalf);
      Thread.sleep(4000);
      assertThat(running.failure()).isEmpty();
      assertThat(running.processAvailable(Duration.ofMillis(500)))
          .as("cannot catch up without a database")
          .isFalse();
      // what a supervisor sees: not writing (ready 503, and why), but no reason to restart it
      HttpResponse<String> ready = get(healthPort, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"status\":\"DOWN\"", "PostgreSQL unreachable for");
      assertThat(get(healthPort, "/health/live").statusCode()).isEqualTo(200);

      own =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
      StreamScenario.caughtUp(running);
      assertThat(running.failure()).isEmpty();
      assertThat(get(healthPort, "/health/ready").body()).contains("\"status\":\"UP\"");
      assertThat(StreamScenario.count(jdbcUrl, "epoch_metric")).isEqualTo(fixture.distinctEpochs());
      assertThat(StreamScenario.count(jdbcUrl, "run_diagnosis WHERE is_final"))
          .isEqualTo(fixture.byRun.size());
      assertThat(
              StreamScenario.count(
                  jdbcUrl,
                  "fix_outcome WHERE is_final AND (compared_epoch = "
                      + SweepFixture.EPOCHS
                      + " OR seeds = 0)"))
          .isEqualTo(StreamScenario.count(jdbcUrl, "fix_outcome"))
          .isPositive();
    } finally {
      running.stop();
      own.close();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
