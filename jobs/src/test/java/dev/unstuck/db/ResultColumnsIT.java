package dev.unstuck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.report.Csv;
import dev.unstuck.testing.ResultsCsv;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results tables' typed columns on embedded PostgreSQL: what {@link ResultTables} writes,
 * {@link ResultsDatabase} reads back unchanged (symptom lists in their order, evidence with its
 * measurement, NaN included, settings); rows of a V4 database are converted in place by V5 and its
 * views and comments survive; a value in a shape the writer never writes is an error naming its
 * table and column; the README's example queries run.
 */
class ResultColumnsIT {
  private static final DbCredentials LOGIN = new DbCredentials("postgres", "postgres");
  private static final String SWEEP = "churn-baseline";
  private static final String EXECUTION = "20261130T044512Z-3fa2c1";
  private static final long T0 = 1_790_000_000_000L;

  /** The V5 columns; every other comment of V4 must survive V5 as it was. */
  private static final List<String> RETYPED =
      List.of(
          "run.fix_params",
          "run_diagnosis.symptoms",
          "run_diagnosis.evidence",
          "run_diagnosis.hints",
          "fix_outcome.fix_params",
          "fix_outcome.baseline_symptoms",
          "fix_outcome.remaining_symptoms",
          "fix_outcome.new_symptoms");

  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String database(String name) throws SQLException {
    try (Connection c = connect(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  private static String url(String db) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + db;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, LOGIN.jdbcProperties());
  }

  private static ResultsDatabase reader(String url) {
    Properties login = LOGIN.jdbcProperties();
    return new ResultsDatabase(url, login);
  }

  private static SymptomEvidence finding(
      String symptom,
      String metric,
      int from,
      int to,
      Double value,
      Double threshold,
      String explanation) {
    return SymptomEvidence.newBuilder()
        .setSymptom(symptom)
        .setMetric(metric)
        .setFromEpoch(from)
        .setToEpoch(to)
        .setValue(value)
        .setThreshold(threshold)
        .setExplanation(explanation)
        .build();
  }

  private static RunDiagnosis diagnosis(
      String variant, String family, List<SymptomEvidence> symptoms, List<SymptomEvidence> hints) {
    return RunDiagnosis.newBuilder()
        .setSweepId(SWEEP)
        .setExecutionId(EXECUTION)
        .setRunId(SWEEP + "/" + variant + "/seed-1")
        .setVariantId(variant)
        .setFixFamily(family)
        .setSeed(1)
        .setEpoch(8)
        .setStatus(symptoms.isEmpty() ? "FINISHED" : "DIVERGED")
        .setLearningState(symptoms.isEmpty() ? LearningState.LEARNING : LearningState.DIVERGED)
        .setValBalancedAccuracy(symptoms.isEmpty() ? 0.91 : Double.NaN)
        .setSymptoms(symptoms)
        .setHints(hints)
        .setFinalDiagnosis(true)
        .setTimestampMs(T0 + 1000)
        .build();
  }

  private static FixVerdict verdict(String baselineSymptom) {
    return FixVerdict.newBuilder()
        .setSweepId(SWEEP)
        .setExecutionId(EXECUTION)
        .setVariantId("lr-x0.1+batchnorm")
        .setFixFamily("COMBINED")
        .setFixParams(Map.of("learningRate", "x0.1", "batchNorm", "true"))
        .setBaselineSymptom(baselineSymptom)
        // the diagnosis's order, not alphabetical: a codec that sorts or drops would show
        .setBaselineSymptoms(List.of("NOT_LEARNING", "DIVERGING"))
        .setSeeds(1)
        .setComparedEpoch(8)
        .setResolved(baselineSymptom.equals("DIVERGING"))
        .setImproved(true)
        .setBaselineMetric(Double.NaN)
        .setVariantMetric(0.91)
        .setMetricDelta(0.81)
        .setMetricDeltaSpread(0.0)
        .setEpochsToLearn(null)
        .setRemainingSymptoms(
            baselineSymptom.equals("DIVERGING") ? List.of() : List.of("NOT_LEARNING"))
        .setNewSymptoms(List.of("DEAD_UNITS", "ACTIVATION_SATURATION"))
        .setFinalVerdict(true)
        .setTimestampMs(T0 + 2000)
        .build();
  }

  private static EpochRow epoch(String variant, String family, Map<String, String> params) {
    return new EpochRow(
        SWEEP,
        EXECUTION,
        SWEEP + "/" + variant + "/seed-1",
        variant,
        family,
        params,
        1,
        8,
        8,
        T0,
        120,
        "FINISHED",
        null,
        0.5,
        0.6,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
        0.6,
        0.01,
        0,
        0.2);
  }

  private static final RunDiagnosis BASELINE =
      diagnosis(
          "baseline",
          "BASELINE",
          List.of(
              finding(
                  "NOT_LEARNING",
                  "val_balanced_accuracy",
                  1,
                  8,
                  0.1,
                  0.15,
                  "val balanced accuracy 0.100 <= chance 0.100 + margin over epochs 1-8"),
              finding(
                  "DIVERGING",
                  "train_loss",
                  2,
                  2,
                  Double.NaN,
                  null,
                  "train_loss became NaN at epoch 2, with a comma: and a colon")),
          List.of());
  private static final RunDiagnosis FIX =
      diagnosis(
          "lr-x0.1+batchnorm",
          "COMBINED",
          List.of(),
          List.of(
              finding(
                  "DATA_PIPELINE_ERROR",
                  "max_abs_feature_mean",
                  1,
                  8,
                  Double.POSITIVE_INFINITY,
                  10.0,
                  "input features are unnormalised: largest |mean| Infinity")));

  /** Writes the sweep the way the stream job does: telemetry, then diagnoses and verdicts. */
  private static void writeSweep(String url) throws SQLException {
    try (Connection c = connect(url)) {
      ResultTables.writeTelemetry(
          c,
          List.of(
              epoch("baseline", "BASELINE", Map.of()),
              epoch(
                  "lr-x0.1+batchnorm",
                  "COMBINED",
                  Map.of("learningRate", "x0.1", "batchNorm", "true"))));
      ResultTables.writeDiagnoses(
          c, List.of(BASELINE, FIX), List.of(verdict("NOT_LEARNING"), verdict("DIVERGING")));
    }
  }

  @Test
  void whatTheWriterWritesTheReaderReadsBackTyped(@TempDir Path dir) throws Exception {
    String url = database("round_trip");
    new PostgresStore(url, LOGIN).migrate();
    writeSweep(url);

    StoredSweep stored = reader(url).read(SWEEP, EXECUTION);

    // expected values written out by hand from the records above, not through the codec
    EvidenceRow notLearning =
        new EvidenceRow(
            "NOT_LEARNING",
            "val_balanced_accuracy",
            1,
            8,
            0.1,
            0.15,
            "val balanced accuracy 0.100 <= chance 0.100 + margin over epochs 1-8");
    EvidenceRow diverging =
        new EvidenceRow(
            "DIVERGING",
            "train_loss",
            2,
            2,
            Double.NaN,
            null,
            "train_loss became NaN at epoch 2, with a comma: and a colon");
    assertThat(stored.runs())
        .containsExactly(
            new RunDiagnosisRow(
                SWEEP + "/baseline/seed-1",
                SWEEP,
                "baseline",
                "BASELINE",
                1,
                8,
                "DIVERGED",
                "DIVERGED",
                Double.NaN,
                List.of("NOT_LEARNING", "DIVERGING"),
                List.of(notLearning, diverging),
                List.of(),
                true),
            new RunDiagnosisRow(
                SWEEP + "/lr-x0.1+batchnorm/seed-1",
                SWEEP,
                "lr-x0.1+batchnorm",
                "COMBINED",
                1,
                8,
                "FINISHED",
                "LEARNING",
                0.91,
                List.of(),
                List.of(),
                List.of(
                    new EvidenceRow(
                        "DATA_PIPELINE_ERROR",
                        "max_abs_feature_mean",
                        1,
                        8,
                        Double.POSITIVE_INFINITY,
                        10.0,
                        "input features are unnormalised: largest |mean| Infinity")),
                true));
    assertThat(stored.outcomes())
        .containsExactly(
            outcome("DIVERGING", true, List.of()),
            outcome("NOT_LEARNING", false, List.of("NOT_LEARNING")));
    assertThat(stored.epochs())
        .containsExactly(
            new EpochMetricRow(SWEEP + "/baseline/seed-1", "baseline", 1, 8, 0.5, 0.6, 0.7, 0.6),
            new EpochMetricRow(
                SWEEP + "/lr-x0.1+batchnorm/seed-1",
                "lr-x0.1+batchnorm",
                1,
                8,
                0.5,
                0.6,
                0.7,
                0.6));

    // the columns as SQL sees them
    try (Connection c = connect(url)) {
      assertThat(
              strings(
                  c,
                  "SELECT fix_params ->> 'learningRate' FROM run"
                      + " WHERE fix_params ->> 'batchNorm' = 'true'"))
          .containsExactly("x0.1");
      assertThat(strings(c, "SELECT fix_params::text FROM run WHERE variant_id = 'baseline'"))
          .containsExactly("{}");
      assertThat(
              strings(
                  c,
                  "SELECT evidence -> 1 ->> 'value' FROM run_diagnosis"
                      + " WHERE 'DIVERGING' = ANY (symptoms)"))
          .containsExactly("NaN");
      assertThat(
              strings(
                  c,
                  "SELECT array_to_string(new_symptoms, '|') FROM fix_outcome"
                      + " WHERE baseline_symptom = 'DIVERGING'"))
          .containsExactly("DEAD_UNITS|ACTIVATION_SATURATION");
    }

    // the same records again change no row (the upserts compare the typed values)
    String updatedAt =
        "SELECT string_agg(updated_at::text, ',' ORDER BY run_id) FROM run_diagnosis";
    String outcomesAt =
        "SELECT string_agg(updated_at::text, ',' ORDER BY baseline_symptom) FROM fix_outcome";
    List<String> before;
    try (Connection c = connect(url)) {
      before = List.of(strings(c, updatedAt).get(0), strings(c, outcomesAt).get(0));
    }
    writeSweep(url);
    try (Connection c = connect(url)) {
      assertThat(List.of(strings(c, updatedAt).get(0), strings(c, outcomesAt).get(0)))
          .isEqualTo(before);
    }

    // the CSV files: every column of the table, arrays as PostgreSQL writes them, jsonb as JSON
    Path csv = dir.resolve("run_diagnosis.csv");
    Csv.write(stored.runDiagnosisTable(), csv);
    List<Map<String, String>> rows = ResultsCsv.read(csv);
    assertThat(Files.readAllLines(csv).get(0))
        .isEqualTo("\"" + String.join("\",\"", stored.runDiagnosisTable().columns()) + "\"");
    assertThat(stored.runDiagnosisTable().columns())
        .contains("symptoms", "evidence", "hints", "execution_id", "updated_at");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("symptoms", "{NOT_LEARNING,DIVERGING}");
    JsonNode evidence = new ObjectMapper().readTree(rows.get(0).get("evidence"));
    assertThat(evidence.get(1).get("value").asText()).isEqualTo("NaN");
    assertThat(evidence.get(1).get("threshold").isNull()).isTrue();
    assertThat(evidence.get(0).get("from_epoch").asInt()).isEqualTo(1);
    List<Map<String, String>> outcomes = writeCsv(stored.fixOutcomeTable(), dir);
    assertThat(outcomes.get(0))
        .containsEntry("baseline_symptoms", "{NOT_LEARNING,DIVERGING}")
        .containsEntry("remaining_symptoms", "{}");
    assertThat(new ObjectMapper().readTree(outcomes.get(0).get("fix_params")).get("batchNorm"))
        .hasToString("\"true\"");
  }

  private static FixOutcome outcome(
      String baselineSymptom, boolean resolved, List<String> remaining) {
    return new FixOutcome(
        SWEEP,
        "lr-x0.1+batchnorm",
        "COMBINED",
        Map.of("learningRate", "x0.1", "batchNorm", "true"),
        baselineSymptom,
        List.of("NOT_LEARNING", "DIVERGING"),
        1,
        8,
        resolved,
        true,
        Double.NaN,
        0.91,
        0.81,
        0.0,
        null,
        remaining,
        List.of("DEAD_UNITS", "ACTIVATION_SATURATION"),
        true);
  }

  private static List<Map<String, String>> writeCsv(Table table, Path dir) throws Exception {
    Path file = dir.resolve(table.name() + ".csv");
    Csv.write(table, file);
    return ResultsCsv.read(file);
  }

  /**
   * An existing V4 database with rows as the V4 writer wrote them (comma-joined lists, {@code
   * SYMPTOM: explanation} lines, {@code key=value} pairs) upgrades to typed columns in place.
   */
  @Test
  void aV4DatabaseWithRowsMigratesInPlace() throws Exception {
    String url = database("from_v4");
    flyway(url).target("4").load().migrate();
    Map<String, String> v4Comments;
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      v4Comments = comments(c);
      s.execute(
          "INSERT INTO sweep (sweep_id, execution_id, first_telemetry_at, last_telemetry_at)"
              + " VALUES ('old', 'e-1', now(), now())");
      s.execute(
          "INSERT INTO run (run_id, execution_id, sweep_id, variant_id, fix_family, fix_params, seed,"
              + " status, last_epoch, total_epochs) VALUES"
              + " ('old/baseline/seed-1', 'e-1', 'old', 'baseline', 'BASELINE', '', 1, 'FINISHED', 8, 8),"
              + " ('old/lr-x0.1+batchnorm/seed-1', 'e-1', 'old', 'lr-x0.1+batchnorm', 'COMBINED',"
              + " 'batchNorm=true, learningRate=x0.1', 1, 'FINISHED', 8, 8)");
      s.execute(
          "INSERT INTO run_diagnosis (run_id, execution_id, sweep_id, variant_id, fix_family, seed,"
              + " epoch, status, learning_state, val_balanced_accuracy, symptoms, evidence, hints,"
              + " is_final, diagnosed_at) VALUES"
              + " ('old/baseline/seed-1', 'e-1', 'old', 'baseline', 'BASELINE', 1, 8, 'DIVERGED',"
              + " 'DIVERGED', 'NaN', 'NOT_LEARNING,DIVERGING',"
              + " E'NOT_LEARNING: val balanced accuracy 0.100 <= chance\\nover epochs 1-8\\nDIVERGING: train_loss NaN: at epoch 2',"
              + " '', true, now()),"
              + " ('old/lr-x0.1+batchnorm/seed-1', 'e-1', 'old', 'lr-x0.1+batchnorm', 'COMBINED', 1,"
              + " 8, 'FINISHED', 'LEARNING', 0.9, '', '',"
              + " 'DATA_PIPELINE_ERROR: input features are unnormalised: largest |mean| 250', true, now())");
      s.execute(
          "INSERT INTO fix_outcome (sweep_id, execution_id, variant_id, baseline_symptom, fix_family,"
              + " fix_params, baseline_symptoms, seeds, compared_epoch, resolved, improved,"
              + " baseline_metric, variant_metric, metric_delta, metric_delta_spread, epochs_to_learn,"
              + " remaining_symptoms, new_symptoms, is_final, judged_at) VALUES"
              + " ('old', 'e-1', 'lr-x0.1+batchnorm', 'DIVERGING', 'COMBINED',"
              + " 'batchNorm=true, learningRate=x0.1', 'NOT_LEARNING,DIVERGING', 1, 8, true, true,"
              + " 0.1, 0.9, 0.8, 0, 2, 'NOT_LEARNING', 'DEAD_UNITS,ACTIVATION_SATURATION', true, now())");
    }

    new PostgresStore(url, LOGIN).migrate();

    StoredSweep stored = reader(url).read("old", "e-1");
    assertThat(stored.runs())
        .extracting(RunDiagnosisRow::symptoms, RunDiagnosisRow::evidence, RunDiagnosisRow::hints)
        .containsExactly(
            tuple(
                List.of("NOT_LEARNING", "DIVERGING"),
                List.of(
                    // an explanation over two lines stays one finding
                    sentence(
                        "NOT_LEARNING", "val balanced accuracy 0.100 <= chance\nover epochs 1-8"),
                    sentence("DIVERGING", "train_loss NaN: at epoch 2")),
                List.of()),
            tuple(
                List.of(),
                List.of(),
                List.of(
                    sentence(
                        "DATA_PIPELINE_ERROR",
                        "input features are unnormalised: largest |mean| 250"))));
    assertThat(stored.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.fixParams())
                  .isEqualTo(Map.of("batchNorm", "true", "learningRate", "x0.1"));
              assertThat(o.baselineSymptoms()).containsExactly("NOT_LEARNING", "DIVERGING");
              assertThat(o.remainingSymptoms()).containsExactly("NOT_LEARNING");
              assertThat(o.newSymptoms()).containsExactly("DEAD_UNITS", "ACTIVATION_SATURATION");
            });

    try (Connection c = connect(url)) {
      assertThat(strings(c, "SELECT fix_params::text FROM run ORDER BY run_id"))
          .containsExactly("{}", "{\"batchNorm\": \"true\", \"learningRate\": \"x0.1\"}");
      // the recreated views select the typed columns
      assertThat(
              strings(
                  c,
                  "SELECT table_name || '.' || column_name || ' ' || data_type"
                      + " FROM information_schema.columns WHERE table_name IN"
                      + " ('run_latest', 'run_diagnosis_latest', 'fix_outcome_latest')"
                      + " AND data_type IN ('ARRAY', 'jsonb') ORDER BY 1"))
          .containsExactly(
              "fix_outcome_latest.baseline_symptoms ARRAY",
              "fix_outcome_latest.fix_params jsonb",
              "fix_outcome_latest.new_symptoms ARRAY",
              "fix_outcome_latest.remaining_symptoms ARRAY",
              "run_diagnosis_latest.evidence jsonb",
              "run_diagnosis_latest.hints jsonb",
              "run_diagnosis_latest.symptoms ARRAY",
              "run_latest.fix_params jsonb");
      assertThat(
              strings(
                  c, "SELECT run_id FROM run_diagnosis_latest WHERE 'DIVERGING' = ANY (symptoms)"))
          .containsExactly("old/baseline/seed-1");
      assertThat(
              strings(
                  c,
                  "SELECT fix_family || ' ' || times_tried || ' ' || times_resolved"
                      + " FROM fix_effectiveness WHERE baseline_symptom = 'DIVERGING'"))
          .containsExactly("COMBINED 1 1");
      assertThat(strings(c, "SELECT proname FROM pg_proc WHERE proname LIKE 'v5_%'"))
          .as("the migration's helpers are gone")
          .isEmpty();

      // every table, view and column keeps its comment; only the retyped columns' comments change
      Map<String, String> v5Comments = comments(c);
      assertThat(v5Comments.keySet()).isEqualTo(v4Comments.keySet());
      Map<String, String> changed = new HashMap<>();
      v5Comments.forEach(
          (name, comment) -> {
            if (!comment.equals(v4Comments.get(name))) {
              changed.put(name, comment);
            }
          });
      assertThat(changed.keySet()).containsExactlyInAnyOrderElementsOf(RETYPED);
    }
  }

  private static EvidenceRow sentence(String symptom, String explanation) {
    return new EvidenceRow(symptom, null, null, null, null, null, explanation);
  }

  @Test
  void aV4ValueTheV4WriterCannotHaveWrittenStopsTheMigrationNamingIt() throws Exception {
    String url = database("from_v4_odd");
    flyway(url).target("4").load().migrate();
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO run_diagnosis (run_id, sweep_id, variant_id, fix_family, seed, epoch, status,"
              + " learning_state, evidence, is_final, diagnosed_at) VALUES ('x/baseline/seed-1', 'x',"
              + " 'baseline', 'BASELINE', 1, 1, 'RUNNING', 'UNKNOWN', 'loss went up', false, now())");
    }
    assertThatThrownBy(() -> new PostgresStore(url, LOGIN).migrate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("'loss went up'")
        .hasMessageContaining("is not 'SYMPTOM: explanation'");
  }

  @Test
  void aValueInAShapeTheWriterNeverWritesIsAnErrorNamingTableAndColumn() throws Exception {
    String url = database("odd_shapes");
    new PostgresStore(url, LOGIN).migrate();
    writeSweep(url);
    String baselineRow = " WHERE variant_id = 'baseline'";
    String lr = " WHERE baseline_symptom = 'DIVERGING'";

    assertUnreadable(
        url,
        "UPDATE run_diagnosis SET evidence = '[{\"symptom\": \"DIVERGING\", \"explanation\": \"x\"}]'"
            + baselineRow,
        "run_diagnosis.evidence of run churn-baseline/baseline/seed-1: Missing creator property");
    assertUnreadable(
        url,
        "UPDATE run_diagnosis SET hints = '[{\"symptom\": \"X\", \"metric\": null, \"from_epoch\": \"2\","
            + " \"to_epoch\": 2, \"value\": 1, \"threshold\": 1, \"explanation\": \"x\"}]'"
            + baselineRow,
        "run_diagnosis.hints of run churn-baseline/baseline/seed-1: Cannot coerce String value (\"2\")");
    assertUnreadable(
        url,
        "UPDATE run_diagnosis SET symptoms = '{DIVERGING,\"\"}'" + baselineRow,
        "run_diagnosis.symptoms of run churn-baseline/baseline/seed-1: an empty or null symptom");
    assertUnreadable(
        url,
        "UPDATE fix_outcome SET fix_params = '{\"l2\": 0.0001}'" + lr,
        "fix_outcome.fix_params of fix lr-x0.1+batchnorm, symptom DIVERGING: Cannot coerce");
    assertUnreadable(
        url,
        "UPDATE fix_outcome SET fix_params = '{\"l2\": null}'" + lr,
        "fix_outcome.fix_params of fix lr-x0.1+batchnorm, symptom DIVERGING: a setting without a value");

    // and the schema itself refuses the shapes it is not
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      "UPDATE run_diagnosis SET evidence = '{\"symptom\": \"X\"}'" + baselineRow))
          .hasMessageContaining("run_diagnosis_evidence_array");
      assertThatThrownBy(() -> s.execute("UPDATE fix_outcome SET new_symptoms = '{A,NULL}'" + lr))
          .hasMessageContaining("fix_outcome_new_symptoms_no_null");
      assertThatThrownBy(() -> s.execute("UPDATE run SET fix_params = '[]'"))
          .hasMessageContaining("run_fix_params_object");
    }
  }

  /** Makes one row odd, reads the sweep (an error naming it), and puts the row back. */
  private static void assertUnreadable(String url, String update, String message) throws Exception {
    try (Connection c = connect(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(update);
      }
      c.commit();
      assertThatThrownBy(() -> reader(url).read(SWEEP, EXECUTION))
          .isInstanceOf(SQLDataException.class)
          .hasMessageStartingWith(message.substring(0, message.indexOf(':') + 1))
          .hasMessageContaining(message.substring(message.indexOf(':') + 2));
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE run, run_diagnosis, fix_outcome, epoch_metric, sweep");
      }
      c.commit();
    }
    writeSweep(url);
  }

  /** Every {@code ```sql} block of the README runs against these tables and finds rows. */
  @Test
  void theReadmesExampleQueriesRunAndFindRows() throws Exception {
    String url = database("readme");
    new PostgresStore(url, LOGIN).migrate();
    writeSweep(url);
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> queries = new ArrayList<>();
    while (block.find()) {
      for (String statement : block.group(1).split(";")) {
        if (!statement.isBlank()) {
          queries.add(statement.strip());
        }
      }
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      for (String query : queries) {
        try (ResultSet rs = s.executeQuery(query)) {
          assertThat(rs.next()).as("a row from %s", query).isTrue();
        }
      }
    }
  }

  private static FluentConfiguration flyway(String url) {
    return Flyway.configure()
        .dataSource(url, LOGIN.user(), LOGIN.password())
        .locations("classpath:db/migration");
  }

  private static List<String> strings(Connection c, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /**
   * Comments of the public tables, views and their columns: {@code table} or {@code table.column}.
   */
  private static Map<String, String> comments(Connection c) throws SQLException {
    String relations =
        " FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace"
            + " WHERE n.nspname = 'public' AND cl.relkind IN ('r', 'v')"
            + " AND cl.relname <> 'flyway_schema_history'";
    Map<String, String> comments = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT cl.relname, obj_description(cl.oid, 'pg_class')"
                    + relations
                    + " UNION ALL SELECT cl.relname || '.' || a.attname, col_description(cl.oid, a.attnum)"
                    + relations.replace(
                        " WHERE",
                        " JOIN pg_attribute a ON a.attrelid = cl.oid WHERE a.attnum > 0"
                            + " AND NOT a.attisdropped AND"))) {
      while (rs.next()) {
        if (rs.getString(2) != null) {
          comments.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return comments;
  }
}
