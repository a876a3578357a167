package dev.unstuck.stream;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.wire.Codecs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Benchmark of the diagnosis stream job on this machine (in-process KRaft broker, embedded
 * PostgreSQL, local[2]):
 *
 * <ol>
 *   <li>latency: a live sweep publishing one epoch per run every {@code -Dbench.interval} ms; per
 *       epoch, the time from producing it to a run_diagnosis row (epoch &gt;= it) and a fix_outcome
 *       row (compared_epoch &gt;= it) being visible in PostgreSQL; p50 and p95;
 *   <li>throughput: a topic pre-filled with {@code -Dbench.runs} runs x {@code -Dbench.epochs}
 *       epochs (20 runs per sweep), replayed from the start; records per second until every table
 *       and the diagnosis topic are done.
 * </ol>
 *
 * Run through {@code deploy/bench/stream-bench.sh}.
 */
public final class StreamBench {
  private static final int RUNS_PER_SWEEP = 20; // baseline + 4 fixes, 4 seeds
  private static final String[][] VARIANTS = {
    {"baseline", "BASELINE"},
    {"lr-x0.1", "LEARNING_RATE"},
    {"l2-1e-4", "REGULARISATION"},
    {"adam", "LEARNING_RATE"},
    {"clip-1", "GRADIENT_CLIPPING"}
  };

  public static void main(String[] args) throws Exception {
    String trigger = System.getProperty("bench.trigger", "2 seconds");
    int runs = Integer.getInteger("bench.runs", 1000);
    int epochs = Integer.getInteger("bench.epochs", 100);
    int liveRuns = Integer.getInteger("bench.liveRuns", 10);
    int liveEpochs = Integer.getInteger("bench.liveEpochs", 30);
    long interval = Long.getLong("bench.interval", 500);
    Path tmp = Files.createTempDirectory("stream-bench");
    try (InProcessKafka kafka = InProcessKafka.start();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      kafka.createTopics(2, "live.telemetry", "replay.telemetry");
      SparkSession spark = StreamTestSpark.get();
      Path credentials =
          StreamScenario.credentialsFile(tmp, StreamScenario.USER, StreamScenario.PASSWORD);
      String admin = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
      StreamScenario.createDatabase(admin, "live");
      StreamScenario.createDatabase(admin, "replay");
      String live = "jdbc:postgresql://localhost:" + pg.getPort() + "/live";
      String replay = "jdbc:postgresql://localhost:" + pg.getPort() + "/replay";

      latency(
          spark,
          kafka.bootstrapServers(),
          live,
          credentials,
          tmp,
          trigger,
          liveRuns,
          liveEpochs,
          interval);
      throughput(spark, kafka.bootstrapServers(), replay, credentials, tmp, trigger, runs, epochs);
    }
  }

  static void latency(
      SparkSession spark,
      String bootstrap,
      String jdbcUrl,
      Path credentials,
      Path tmp,
      String trigger,
      int runs,
      int epochs,
      long intervalMs)
      throws Exception {
    List<List<EpochTelemetry>> series = sweep("live", runs, epochs);
    RunningDiagnosis running =
        StreamScenario.start(
            spark,
            StreamScenario.args(
                bootstrap,
                jdbcUrl,
                credentials,
                tmp.resolve("ckpt-live"),
                "live",
                "--trigger",
                trigger));
    Thread.sleep(5000); // first (empty) batches: Spark warm
    Map<String, Long> produced = new ConcurrentHashMap<>();
    List<Long> diagnosisLatency = Collections.synchronizedList(new ArrayList<>());
    List<Long> outcomeLatency = Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> diagnosed = new HashMap<>();
    Map<String, Integer> judged = new HashMap<>();
    Thread poller =
        new Thread(
            () -> {
              try (Connection c = StreamScenario.connect(jdbcUrl);
                  Statement s = c.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                  long now = System.nanoTime();
                  try (ResultSet rs = s.executeQuery("SELECT run_id, epoch FROM run_diagnosis")) {
                    while (rs.next()) {
                      seen(
                          rs.getString(1),
                          rs.getInt(2),
                          now,
                          diagnosed,
                          produced,
                          diagnosisLatency);
                    }
                  }
                  try (ResultSet rs =
                      s.executeQuery(
                          "SELECT variant_id, max(compared_epoch) FROM fix_outcome GROUP BY 1")) {
                    while (rs.next()) {
                      for (int seed = 1; seed <= 4; seed++) {
                        seen(
                            "live/" + rs.getString(1) + "/seed-" + seed,
                            rs.getInt(2),
                            now,
                            judged,
                            produced,
                            outcomeLatency);
                      }
                    }
                  }
                  Thread.sleep(20);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    poller.start();
    try (KafkaProducer<String, byte[]> producer = SweepFixture.producer(bootstrap)) {
      for (int e = 0; e < epochs; e++) {
        long tick = System.nanoTime();
        for (List<EpochTelemetry> run : series) {
          EpochTelemetry r = run.get(e);
          produced.put(r.getRunId() + "#" + r.getEpoch(), System.nanoTime());
          producer.send(
              new ProducerRecord<>("live.telemetry", r.getRunId(), Codecs.TELEMETRY.encode(r)));
        }
        producer.flush();
        long sleep = intervalMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tick);
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      }
    }
    running.processAvailable();
    Thread.sleep(500);
    poller.interrupt();
    poller.join();
    running.stop();
    System.out.printf(
        "LATENCY trigger=%s, %d runs x %d epochs, one epoch per run every %d ms%n",
        trigger, runs, epochs, intervalMs);
    System.out.printf(
        "  produced -> run_diagnosis row visible: n=%d p50=%d ms p95=%d ms max=%d ms%n",
        diagnosisLatency.size(),
        pct(diagnosisLatency, 50),
        pct(diagnosisLatency, 95),
        pct(diagnosisLatency, 100));
    System.out.printf(
        "  produced -> fix_outcome row visible:   n=%d p50=%d ms p95=%d ms max=%d ms%n",
        outcomeLatency.size(),
        pct(outcomeLatency, 50),
        pct(outcomeLatency, 95),
        pct(outcomeLatency, 100));
  }

  private static void seen(
      String runId,
      int epoch,
      long now,
      Map<String, Integer> done,
      Map<String, Long> produced,
      List<Long> latencies) {
    int from = done.getOrDefault(runId, 0);
    for (int e = from + 1; e <= epoch; e++) {
      Long at = produced.get(runId + "#" + e);
      if (at != null) {
        latencies.add(TimeUnit.NANOSECONDS.toMillis(now - at));
      }
    }
    done.put(runId, Math.max(from, epoch));
  }

  static void throughput(
      SparkSession spark,
      String bootstrap,
      String jdbcUrl,
      Path credentials,
      Path tmp,
      String trigger,
      int runs,
      int epochs)
      throws Exception {
    long t0 = System.nanoTime();
    long records = 0;
    try (KafkaProducer<String, byte[]> producer = SweepFixture.producer(bootstrap)) {
      for (int s = 0; s < runs / RUNS_PER_SWEEP; s++) {
        for (List<EpochTelemetry> run : sweep("replay-" + s, RUNS_PER_SWEEP, epochs)) {
          for (EpochTelemetry r : run) {
            producer.send(
                new ProducerRecord<>("replay.telemetry", r.getRunId(), Codecs.TELEMETRY.encode(r)));
            records++;
          }
        }
      }
      producer.flush();
    }
    System.out.printf(
        "THROUGHPUT produced %d records (%d runs x %d epochs + terminal records) in %d ms%n",
        records, runs, epochs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    long start = System.nanoTime();
    RunningDiagnosis running =
        StreamScenario.start(
            spark,
            StreamScenario.args(
                bootstrap,
                jdbcUrl,
                credentials,
                tmp.resolve("ckpt-replay"),
                "replay",
                "--trigger",
                trigger));
    running.processAvailable(Duration.ofMinutes(30));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    List<String> perQuery = running.currentQueries().stream().map(StreamBench::batchTimes).toList();
    running.stop();
    System.out.printf(
        "  replayed end to end (all tables, diagnosis topic) in %d ms: %.0f records/s; %s%n",
        ms, records * 1000.0 / ms, running.counters());
    System.out.printf(
        "  rows: epoch_metric=%d run_diagnosis=%d fix_outcome=%d%n",
        StreamScenario.count(jdbcUrl, "epoch_metric"),
        StreamScenario.count(jdbcUrl, "run_diagnosis"),
        StreamScenario.count(jdbcUrl, "fix_outcome"));
    perQuery.forEach(q -> System.out.println("  " + q));
  }

  /**
   * Where a query's time went, from Spark's progress reports of the batches that read something:
   * batches, rows, and the summed milliseconds of each phase Spark times (addBatch is the query's
   * own work: decoding, the stateful step, the writer).
   */
  private static String batchTimes(StreamingQuery query) {
    Map<String, Long> ms = new TreeMap<>();
    long batches = 0;
    long rows = 0;
    for (StreamingQueryProgress progress : query.recentProgress()) {
      if (progress.numInputRows() == 0) {
        continue;
      }
      batches++;
      rows += progress.numInputRows();
      progress.durationMs().forEach((phase, value) -> ms.merge(phase, value, Long::sum));
    }
    return String.format("%s: %d batches, %d rows, ms %s", query.name(), batches, rows, ms);
  }

  /**
   * A sweep of {@code runs} runs (baseline + fixes, seeds), RUNNING per epoch plus a terminal
   * record.
   */
  static List<List<EpochTelemetry>> sweep(String sweepId, int runs, int epochs) {
    List<List<EpochTelemetry>> all = new ArrayList<>();
    int seeds = Math.max(1, runs / VARIANTS.length);
    for (int i = 0; i < runs; i++) {
      String[] variant = VARIANTS[i % VARIANTS.length];
      int seed = i / VARIANTS.length % seeds + 1;
      Curves curve =
          variant[0].equals("baseline") || variant[0].equals("l2-1e-4")
              ? Curves.flatAtChance()
              : Curves.healthy();
      List<EpochMetrics> metrics = curve.epochs(epochs).build();
      Telemetry run = Telemetry.run(sweepId, variant[0], variant[1], seed);
      List<EpochTelemetry> records = new ArrayList<>();
      for (EpochMetrics m : metrics) {
        EpochTelemetry r = run.record(m, epochs);
        if (r.getStatus() != RunStatus.RUNNING) {
          records.add(
              EpochTelemetry.newBuilder(r)
                  .setStatus(RunStatus.RUNNING)
                  .setErrorMessage(null)
                  .build());
        }
        records.add(r);
      }
      all.add(records);
    }
    return all;
  }

  private static long pct(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
