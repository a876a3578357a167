package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.testing.TopicReader;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;

/**
 * The integration scenarios, shared by the embedded (in-process KRaft + zonky PostgreSQL) and the
 * Testcontainers test classes: both start the production job through {@link
 * DiagnosisStreamJob#fromArgs} and check what it wrote.
 */
final class StreamScenario {
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";
  static final List<String> TABLES =
      List.of("sweep", "run", "epoch_metric", "run_diagnosis", "fix_outcome");
  private static final Map<String, String> ORDER =
      Map.of(
          "sweep",
          "sweep_id",
          "run",
          "run_id",
          "epoch_metric",
          "run_id, epoch",
          "run_diagnosis",
          "run_id",
          "fix_outcome",
          "sweep_id, variant_id, baseline_symptom");

  /** Columns that say when a row was written rather than what it says. */
  static final Set<String> WRITE_TIMES = Set.of("updated_at", "diagnosed_at", "judged_at");

  private StreamScenario() {}

  static Path credentialsFile(Path dir, String user, String password) throws Exception {
    return Files.writeString(
        dir.resolve("db-" + user + ".properties"),
        "user=" + user + "\npassword=" + password + "\n");
  }

  /** The job's flags for one scenario: topics {@code <prefix>.telemetry/.diagnosis/.dlq}. */
  static List<String> args(
      String bootstrap,
      String jdbcUrl,
      Path credentials,
      Path checkpoint,
      String prefix,
      String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers",
                bootstrap,
                "--jdbc-url",
                jdbcUrl,
                "--checkpoint",
                checkpoint.toString(),
                "--db-credentials-file",
                credentials.toString(),
                "--telemetry-topic",
                prefix + ".telemetry",
                "--diagnosis-topic",
                prefix + ".diagnosis",
                "--dead-letter-topic",
                prefix + ".dlq"));
    args.addAll(List.of(more));
    if (!args.contains("--trigger")) {
      args.addAll(List.of("--trigger", "300ms"));
    }
    return args;
  }

  static RunningDiagnosis start(SparkSession spark, List<String> args) {
    return DiagnosisStreamJob.fromArgs(args.toArray(String[]::new)).start(spark);
  }

  static void caughtUp(RunningDiagnosis running) throws InterruptedException {
    assertThat(running.processAvailable(Duration.ofMinutes(3))).as("stream caught up").isTrue();
  }

  /**
   * Telemetry of a whole sweep with duplicates and three undecodable messages: every table, the
   * diagnosis topic and the dead-letter topic end as they should; replaying all of it changes no
   * row.
   */
  static void endToEnd(
      SparkSession spark, String bootstrap, String jdbcUrl, Path credentials, Path checkpoint)
      throws Exception {
    String prefix = "e2e";
    SweepFixture fixture = SweepFixture.standard("churn").inExecution("20261130T044512Z-3fa2c1");
    SweepFixture.produce(bootstrap, prefix + ".telemetry", fixture.records);
    SweepFixture.produce(bootstrap, prefix + ".telemetry", fixture.records.subList(0, 10));
    SweepFixture.produceRaw(
        bootstrap,
        prefix + ".telemetry",
        "json",
        "{\"runId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    SweepFixture.produceRaw(
        bootstrap, prefix + ".telemetry", "corrupt", TelemetryDecodingIT.corruptMessage());
    SweepFixture.produceRaw(
        bootstrap, prefix + ".telemetry", "foreign", TelemetryDecodingIT.foreignSchemaMessage());

    RunningDiagnosis running =
        start(spark, args(bootstrap, jdbcUrl, credentials, checkpoint, prefix));
    try {
      caughtUp(running);
      assertThat(running.counters().deadLetters()).isEqualTo(3);
      assertThat(running.counters().deadLettersByReason())
          .containsOnly(
              Map.entry("NOT_SINGLE_OBJECT", 1L),
              Map.entry("CORRUPT", 1L),
              Map.entry("UNKNOWN_SCHEMA", 1L));

      try (Connection c = connect(jdbcUrl)) {
        assertThat(count(c, "sweep")).isEqualTo(1);
        assertThat(count(c, "run")).isEqualTo(fixture.byRun.size());
        assertThat(count(c, "epoch_metric")).isEqualTo(fixture.distinctEpochs());
        assertThat(
                count(
                    c, "epoch_metric WHERE status = 'RUNNING' AND epoch = " + SweepFixture.EPOCHS))
            .as("terminal records replaced the RUNNING ones of the last epoch")
            .isZero();
        assertThat(
                count(c, "run WHERE status = 'FINISHED' AND last_epoch = " + SweepFixture.EPOCHS))
            .isEqualTo(6);
        assertThat(
                count(
                    c,
                    "run WHERE status = 'FAILED' AND last_epoch = 1"
                        + " AND error_message = 'OutOfMemoryError: Java heap space'"))
            .isEqualTo(1);
        assertThat(count(c, "run_diagnosis WHERE is_final")).isEqualTo(fixture.byRun.size());
        assertThat(
                count(
                    c,
                    "run_diagnosis WHERE variant_id = 'baseline' AND learning_state = 'NOT_LEARNING'"
                        + " AND 'NOT_LEARNING' = ANY (symptoms)"
                        + " AND evidence @> '[{\"symptom\": \"NOT_LEARNING\"}]'"))
            .isEqualTo(2);
        assertThat(
                count(
                    c,
                    "run_diagnosis WHERE variant_id = 'lr-x0.1' AND learning_state = 'LEARNING'"))
            .isEqualTo(2);
        assertThat(count(c, "fix_outcome WHERE NOT is_final")).isZero();
        assertThat(
                count(
                    c,
                    "fix_outcome WHERE variant_id = 'lr-x0.1' AND resolved AND seeds = 2"
                        + " AND baseline_symptom = 'NOT_LEARNING' AND metric_delta > 0.2"))
            .isEqualTo(1);
        assertThat(count(c, "fix_outcome WHERE variant_id = 'l2-1e-4' AND resolved")).isZero();
        assertThat(count(c, "fix_outcome WHERE variant_id = 'baseline'")).isZero();
        // every seed of the batch-norm fix failed: a final verdict that compares nothing, resolves
        // nothing
        assertThat(count(c, "fix_outcome WHERE variant_id = 'batchnorm'")).isEqualTo(2);
        assertThat(
                count(
                    c,
                    "fix_outcome WHERE variant_id = 'batchnorm' AND is_final AND seeds = 0"
                        + " AND NOT resolved AND variant_metric = 'NaN'"))
            .isEqualTo(2);
        assertThat(count(c, "fix_effectiveness WHERE fix_family = 'NORMALISATION'"))
            .as("never compared")
            .isZero();
        assertThat(
                count(
                    c,
                    "fix_effectiveness WHERE baseline_symptom = 'NOT_LEARNING'"
                        + " AND fix_family = 'LEARNING_RATE' AND times_tried = 1 AND times_resolved = 1"))
            .isEqualTo(1);
      }

      List<ConsumerRecord<String, byte[]>> published =
          TopicReader.readAll(
              bootstrap, prefix + ".diagnosis", fixture.byRun.size() + 4, Duration.ofSeconds(30));
      Map<String, RunDiagnosis> latest = new TreeMap<>();
      List<FixVerdict> verdicts = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : published) {
        String type =
            new String(
                r.headers().lastHeader(DiagnosisWriter.TYPE_HEADER).value(),
                StandardCharsets.UTF_8);
        if (type.equals("RunDiagnosis")) {
          RunDiagnosis d = Codecs.RUN_DIAGNOSIS.decode(r.value());
          assertThat(r.key()).isEqualTo(RecordKeys.diagnosis(d));
          latest.put(d.getRunId(), d);
        } else {
          FixVerdict v = Codecs.FIX_VERDICT.decode(r.value());
          assertThat(r.key()).isEqualTo(RecordKeys.verdict(v));
          verdicts.add(v);
        }
      }
      assertThat(latest).hasSize(fixture.byRun.size());
      assertThat(latest.values()).allMatch(RunDiagnosis::getFinalDiagnosis);
      assertThat(verdicts).anyMatch(v -> v.getFinalVerdict() && v.getResolved());

      List<ConsumerRecord<String, byte[]>> dead =
          TopicReader.readAll(bootstrap, prefix + ".dlq", 3, Duration.ofSeconds(30));
      assertThat(dead).hasSize(3);
      assertThat(dead)
          .extracting(
              r ->
                  new String(
                      r.headers().lastHeader(IngestWriter.REASON_HEADER).value(),
                      StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("NOT_SINGLE_OBJECT", "CORRUPT", "UNKNOWN_SCHEMA");
      assertThat(dead).allMatch(r -> r.headers().lastHeader(IngestWriter.SOURCE_HEADER) != null);

      Map<String, List<String>> before = dumpAll(jdbcUrl, true);
      SweepFixture.produce(bootstrap, prefix + ".telemetry", fixture.records);
      caughtUp(running);
      assertThat(dumpAll(jdbcUrl, true))
          .as("replayed telemetry changes no row, not even updated_at")
          .isEqualTo(before);
      assertThat(running.failure()).isEmpty();
    } finally {
      running.stop();
    }
  }

  /**
   * One sweep name run three times while the job runs on: telemetry of a producer before execution
   * ids (the execution ''), then execution e-1 (the standard sweep), then e-2 a day later with
   * other fixes: the same run ids, epochs and seeds again. Each execution is diagnosed whole, into
   * rows of its own; the *_latest views and fix_effectiveness show e-2 alone,
   * fix_effectiveness_all_executions counts all three.
   */
  static void reRunsOfASweepName(
      SparkSession spark, String bootstrap, String jdbcUrl, Path credentials, Path checkpoint)
      throws Exception {
    String prefix = "rerun";
    SweepFixture old = SweepFixture.standard("rerun");
    SweepFixture first = old.inExecution("e-1");
    long day = Duration.ofDays(1).toMillis();
    List<EpochTelemetry> second =
        old.inExecution("e-2").records.stream()
            .filter(r -> r.getVariantId().equals("baseline") || r.getVariantId().equals("lr-x0.1"))
            .map(
                r ->
                    EpochTelemetry.newBuilder(r)
                        .setTimestampMs(r.getTimestampMs() + 2 * day)
                        .build())
            .toList();
    SweepFixture.produce(
        bootstrap,
        prefix + ".telemetry",
        old.records.stream()
            .map(r -> EpochTelemetry.newBuilder(r).setTimestampMs(r.getTimestampMs() - day).build())
            .toList(),
        r -> ReleaseProducer.published("EpochTelemetry", 3).encode(r));
    RunningDiagnosis running =
        start(spark, args(bootstrap, jdbcUrl, credentials, checkpoint, prefix));
    try {
      caughtUp(running);
      SweepFixture.produce(bootstrap, prefix + ".telemetry", first.records);
      caughtUp(running);
      SweepFixture.produce(bootstrap, prefix + ".telemetry", second);
      caughtUp(running);
      assertThat(running.failure()).isEmpty();
    } finally {
      running.stop();
    }
    try (Connection c = connect(jdbcUrl)) {
      assertThat(count(c, "sweep WHERE sweep_id = 'rerun'")).isEqualTo(3);
      for (String execution : List.of("", "e-1")) {
        String of = " WHERE execution_id = '" + execution + "'";
        assertThat(count(c, "run" + of)).isEqualTo(old.byRun.size());
        assertThat(count(c, "epoch_metric" + of)).isEqualTo(old.distinctEpochs());
        assertThat(count(c, "run_diagnosis" + of + " AND is_final")).isEqualTo(old.byRun.size());
        assertThat(
                count(
                    c,
                    "fix_outcome" + of + " AND is_final AND variant_id = 'lr-x0.1' AND resolved"))
            .isEqualTo(2);
        assertThat(count(c, "fix_outcome" + of + " AND variant_id IN ('l2-1e-4', 'batchnorm')"))
            .isEqualTo(4);
      }
      assertThat(count(c, "run_diagnosis WHERE execution_id = 'e-2' AND is_final")).isEqualTo(4);
      assertThat(count(c, "fix_outcome WHERE execution_id = 'e-2' AND is_final")).isEqualTo(2);
      assertThat(count(c, "latest_execution WHERE sweep_id = 'rerun' AND execution_id = 'e-2'"))
          .isEqualTo(1);
      assertThat(count(c, "run_diagnosis_latest")).isEqualTo(4);
      assertThat(count(c, "run_diagnosis_latest WHERE execution_id = 'e-2'")).isEqualTo(4);
      assertThat(
              count(c, "fix_outcome_latest WHERE execution_id = 'e-2' AND variant_id = 'lr-x0.1'"))
          .isEqualTo(2);
      assertThat(count(c, "fix_outcome_latest")).isEqualTo(2);
      // the README's query of every execution: each row of each execution with when it ran
      assertThat(
              count(
                  c,
                  "fix_outcome o JOIN sweep s USING (sweep_id, execution_id) WHERE o.sweep_id = 'rerun'"))
          .isEqualTo(6 + 6 + 2);
      assertThat(count(c, "run_latest")).isEqualTo(4);
      assertThat(count(c, "epoch_metric_latest")).isEqualTo(2L * 2 * SweepFixture.EPOCHS);
      assertThat(count(c, "fix_effectiveness WHERE fix_family = 'REGULARISATION'"))
          .as("not in e-2")
          .isZero();
      assertThat(
              count(
                  c,
                  "fix_effectiveness WHERE baseline_symptom = 'NOT_LEARNING'"
                      + " AND fix_family = 'LEARNING_RATE' AND sweeps = 1 AND times_tried = 1 AND times_resolved = 1"))
          .isEqualTo(1);
      assertThat(
              count(
                  c,
                  "fix_effectiveness_all_executions WHERE baseline_symptom = 'NOT_LEARNING'"
                      + " AND fix_family = 'LEARNING_RATE' AND sweeps = 1 AND executions = 3 AND times_tried = 3"))
          .isEqualTo(1);
    }
  }

  /**
   * A sweep that outlives an upgrade: its first half comes from producers of the first two
   * published EpochTelemetry versions and is folded into the diagnosis state by one run of the job;
   * the job stops (as for an upgrade) and a new run restores that state from the checkpoint while
   * the second half arrives from today's producers, with one record of a schema newer than the job.
   * Every table ends as it does for the same sweep published by today's producers alone ({@code
   * referenceJdbcUrl}, topic {@code <prefix>ref.telemetry}); the newer record is a counted dead
   * letter, and the stream never fails.
   */
  static void upgradeMidSweep(
      SparkSession spark,
      String bootstrap,
      String jdbcUrl,
      String referenceJdbcUrl,
      Path credentials,
      Path checkpointRoot)
      throws Exception {
    String prefix = "evolve";
    SweepFixture fixture = SweepFixture.standard("evolve");
    SweepFixture.produce(bootstrap, prefix + "ref.telemetry", fixture.records);
    RunningDiagnosis reference =
        start(
            spark,
            args(
                bootstrap,
                referenceJdbcUrl,
                credentials,
                checkpointRoot.resolve("ckpt-evolve-reference"),
                prefix + "ref"));
    try {
      caughtUp(reference);
    } finally {
      reference.stop();
    }

    List<String> args =
        args(bootstrap, jdbcUrl, credentials, checkpointRoot.resolve("ckpt-evolve"), prefix);
    List<EpochTelemetry> firstHalf =
        fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList();
    List<EpochTelemetry> secondHalf =
        fixture.records.stream().filter(r -> r.getEpoch() > 4).toList();
    SweepFixture.produce(
        bootstrap,
        prefix + ".telemetry",
        firstHalf,
        r ->
            ReleaseProducer.published(
                    "EpochTelemetry", Math.floorMod(r.getRunId().hashCode(), 2) + 1)
                .encode(r));
    RunningDiagnosis before = start(spark, args);
    try {
      caughtUp(before);
      assertThat(count(jdbcUrl, "run_diagnosis"))
          .as("the first half diagnosed")
          .isEqualTo(fixture.byRun.size());
      assertThat(before.counters().deadLetters()).isZero();
    } finally {
      before.stop();
    }

    SweepFixture.produce(bootstrap, prefix + ".telemetry", secondHalf);
    ReleaseProducer next =
        ReleaseProducer.withSchema(
            ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"));
    SweepFixture.produceRaw(
        bootstrap, prefix + ".telemetry", "next-release", next.encode(secondHalf.get(0)));
    RunningDiagnosis after = start(spark, args);
    try {
      caughtUp(after);
      assertThat(after.failure()).isEmpty();
      assertThat(after.counters().deadLettersByReason())
          .containsOnly(Map.entry("UNKNOWN_SCHEMA", 1L));
      assertThat(after.counters().setAside()).isZero();
    } finally {
      after.stop();
    }
    Map<String, List<String>> expected = dumpAll(referenceJdbcUrl, false);
    assertThat(expected.get("epoch_metric")).hasSize((int) fixture.distinctEpochs());
    assertThat(count(referenceJdbcUrl, "fix_outcome WHERE is_final"))
        .isEqualTo(expected.get("fix_outcome").size())
        .isPositive();
    assertThat(dumpAll(jdbcUrl, false)).isEqualTo(expected);
    List<ConsumerRecord<String, byte[]>> dead =
        TopicReader.readAll(bootstrap, prefix + ".dlq", 1, Duration.ofSeconds(30));
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("next-release");
              assertThat(
                      new String(
                          r.headers().lastHeader(IngestWriter.REASON_HEADER).value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("UNKNOWN_SCHEMA");
            });
  }

  static Connection connect(String jdbcUrl) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    return DriverManager.getConnection(jdbcUrl, p);
  }

  static long count(Connection c, String from) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long count(String jdbcUrl, String from) {
    try (Connection c = connect(jdbcUrl)) {
      return count(c, from);
    } catch (SQLException e) {
      return -1;
    }
  }

  /**
   * Every row of every result table, as text; with {@code writeTimes} false, without the write-time
   * columns.
   */
  static Map<String, List<String>> dumpAll(String jdbcUrl, boolean writeTimes) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection c = connect(jdbcUrl)) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table))) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              if (writeTimes || !WRITE_TIMES.contains(meta.getColumnName(i))) {
                row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
              }
            }
            rows.add(row.toString());
          }
        }
        tables.put(table, rows);
      }
    }
    return tables;
  }

  static void createDatabase(String adminJdbcUrl, String name) throws SQLException {
    try (Connection c = connect(adminJdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  static void waitFor(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
