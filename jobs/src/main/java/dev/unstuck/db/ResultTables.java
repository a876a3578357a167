package dev.unstuck.db;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The upserts into the results tables (schema: {@code db/migration}). Every row belongs to one
 * execution of its sweep and is keyed by it ({@code execution_id}): a re-run of a sweep name writes
 * new rows beside the earlier execution's, never into them. Every statement is an {@code INSERT ...
 * ON CONFLICT ... DO UPDATE} whose {@code WHERE} only lets newer knowledge in, so replaying a
 * micro-batch - or a late duplicate - changes nothing. Lists, evidence and settings are bound
 * through {@link Columns}, the codec {@link ResultsDatabase} reads them back with:
 *
 * <ul>
 *   <li>{@code epoch_metric}: a terminal record replaces the RUNNING one of the same epoch, nothing
 *       else does;
 *   <li>{@code run}: later epochs, or the terminal record of the same epoch, while the run is
 *       RUNNING;
 *   <li>{@code run_diagnosis}: same or later epoch, while not final, and only when something
 *       differs;
 *   <li>{@code fix_outcome}: while provisional (or when more seeds are compared), only when
 *       something differs; rows of baseline symptoms the new verdict no longer has are deleted in
 *       the same transaction.
 * </ul>
 */
public final class ResultTables {
  private ResultTables() {}

  static final String UPSERT_SWEEP =
      """
      INSERT INTO sweep (sweep_id, execution_id, first_telemetry_at, last_telemetry_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (sweep_id, execution_id) DO UPDATE SET
        first_telemetry_at = LEAST(sweep.first_telemetry_at, EXCLUDED.first_telemetry_at),
        last_telemetry_at = GREATEST(sweep.last_telemetry_at, EXCLUDED.last_telemetry_at),
        updated_at = now()
      WHERE EXCLUDED.first_telemetry_at < sweep.first_telemetry_at
         OR EXCLUDED.last_telemetry_at > sweep.last_telemetry_at""";

  static final String UPSERT_RUN =
      """
      INSERT INTO run (run_id, execution_id, sweep_id, variant_id, fix_family, fix_params, seed, status, last_epoch,
                       total_epochs, error_message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, execution_id) DO UPDATE SET
        sweep_id = EXCLUDED.sweep_id, variant_id = EXCLUDED.variant_id, fix_family = EXCLUDED.fix_family,
        fix_params = EXCLUDED.fix_params, seed = EXCLUDED.seed, status = EXCLUDED.status,
        last_epoch = EXCLUDED.last_epoch, total_epochs = EXCLUDED.total_epochs,
        error_message = EXCLUDED.error_message, updated_at = now()
      WHERE run.status = 'RUNNING'
        AND (EXCLUDED.last_epoch > run.last_epoch
             OR (EXCLUDED.last_epoch = run.last_epoch AND EXCLUDED.status <> 'RUNNING'))""";

  static final String UPSERT_EPOCH =
      """
      INSERT INTO epoch_metric (run_id, execution_id, epoch, sweep_id, variant_id, fix_family, seed, status, train_loss, val_loss,
                                train_accuracy, train_balanced_accuracy, val_accuracy, val_balanced_accuracy,
                                val_macro_f1, majority_class_rate, learning_rate, epoch_wall_time_ms,
                                non_finite_count, max_abs_feature_mean, measured_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, execution_id, epoch) DO UPDATE SET
        sweep_id = EXCLUDED.sweep_id, variant_id = EXCLUDED.variant_id, fix_family = EXCLUDED.fix_family,
        seed = EXCLUDED.seed, status = EXCLUDED.status, train_loss = EXCLUDED.train_loss,
        val_loss = EXCLUDED.val_loss, train_accuracy = EXCLUDED.train_accuracy,
        train_balanced_accuracy = EXCLUDED.train_balanced_accuracy, val_accuracy = EXCLUDED.val_accuracy,
        val_balanced_accuracy = EXCLUDED.val_balanced_accuracy, val_macro_f1 = EXCLUDED.val_macro_f1,
        majority_class_rate = EXCLUDED.majority_class_rate, learning_rate = EXCLUDED.learning_rate,
        epoch_wall_time_ms = EXCLUDED.epoch_wall_time_ms, non_finite_count = EXCLUDED.non_finite_count,
        max_abs_feature_mean = EXCLUDED.max_abs_feature_mean, measured_at = EXCLUDED.measured_at,
        updated_at = now()
      WHERE epoch_metric.status = 'RUNNING' AND EXCLUDED.status <> 'RUNNING'""";

  static final String UPSERT_DIAGNOSIS =
      """
      INSERT INTO run_diagnosis (run_id, execution_id, sweep_id, variant_id, fix_family, seed, epoch, status,
                                 learning_state, val_balanced_accuracy, symptoms, evidence, hints, is_final,
                                 diagnosed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, execution_id) DO UPDATE SET
        sweep_id = EXCLUDED.sweep_id, variant_id = EXCLUDED.variant_id, fix_family = EXCLUDED.fix_family,
        seed = EXCLUDED.seed, epoch = EXCLUDED.epoch, status = EXCLUDED.status,
        learning_state = EXCLUDED.learning_state, val_balanced_accuracy = EXCLUDED.val_balanced_accuracy,
        symptoms = EXCLUDED.symptoms, evidence = EXCLUDED.evidence, hints = EXCLUDED.hints,
        is_final = EXCLUDED.is_final, diagnosed_at = EXCLUDED.diagnosed_at, updated_at = now()
      WHERE NOT run_diagnosis.is_final AND EXCLUDED.epoch >= run_diagnosis.epoch
        AND (run_diagnosis.epoch, run_diagnosis.status, run_diagnosis.learning_state,
             run_diagnosis.val_balanced_accuracy, run_diagnosis.symptoms, run_diagnosis.evidence,
             run_diagnosis.hints, run_diagnosis.is_final)
            IS DISTINCT FROM (EXCLUDED.epoch, EXCLUDED.status, EXCLUDED.learning_state,
             EXCLUDED.val_balanced_accuracy, EXCLUDED.symptoms, EXCLUDED.evidence, EXCLUDED.hints,
             EXCLUDED.is_final)""";

  static final String UPSERT_OUTCOME =
      """
      INSERT INTO fix_outcome (sweep_id, execution_id, variant_id, baseline_symptom, fix_family, fix_params, baseline_symptoms,
                               seeds, compared_epoch, resolved, improved, baseline_metric, variant_metric,
                               metric_delta, metric_delta_spread, epochs_to_learn, remaining_symptoms, new_symptoms,
                               is_final, judged_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sweep_id, execution_id, variant_id, baseline_symptom) DO UPDATE SET
        fix_family = EXCLUDED.fix_family, fix_params = EXCLUDED.fix_params,
        baseline_symptoms = EXCLUDED.baseline_symptoms, seeds = EXCLUDED.seeds,
        compared_epoch = EXCLUDED.compared_epoch, resolved = EXCLUDED.resolved, improved = EXCLUDED.improved,
        baseline_metric = EXCLUDED.baseline_metric, variant_metric = EXCLUDED.variant_metric,
        metric_delta = EXCLUDED.metric_delta, metric_delta_spread = EXCLUDED.metric_delta_spread,
        epochs_to_learn = EXCLUDED.epochs_to_learn, remaining_symptoms = EXCLUDED.remaining_symptoms,
        new_symptoms = EXCLUDED.new_symptoms, is_final = EXCLUDED.is_final, judged_at = EXCLUDED.judged_at,
        updated_at = now()
      WHERE (NOT fix_outcome.is_final OR EXCLUDED.seeds > fix_outcome.seeds)
        AND (EXCLUDED.seeds, EXCLUDED.compared_epoch) >= (fix_outcome.seeds, fix_outcome.compared_epoch)
        AND (fix_outcome.fix_family, fix_outcome.fix_params, fix_outcome.baseline_symptoms, fix_outcome.seeds,
             fix_outcome.compared_epoch, fix_outcome.resolved, fix_outcome.improved, fix_outcome.baseline_metric,
             fix_outcome.variant_metric, fix_outcome.metric_delta, fix_outcome.metric_delta_spread,
             fix_outcome.epochs_to_learn, fix_outcome.remaining_symptoms, fix_outcome.new_symptoms,
             fix_outcome.is_final)
            IS DISTINCT FROM (EXCLUDED.fix_family, EXCLUDED.fix_params, EXCLUDED.baseline_symptoms,
             EXCLUDED.seeds, EXCLUDED.compared_epoch, EXCLUDED.resolved, EXCLUDED.improved, EXCLUDED.baseline_metric,
             EXCLUDED.variant_metric, EXCLUDED.metric_delta, EXCLUDED.metric_delta_spread,
             EXCLUDED.epochs_to_learn, EXCLUDED.remaining_symptoms, EXCLUDED.new_symptoms, EXCLUDED.is_final)""";

  /**
   * Rows of baseline symptoms a newer verdict of the same fix no longer lists (the baseline changed
   * its mind).
   */
  static final String DELETE_STALE_OUTCOMES =
      """
      DELETE FROM fix_outcome
      WHERE sweep_id = ? AND execution_id = ? AND variant_id = ? AND NOT (baseline_symptom = ANY (?))
        AND (NOT is_final OR seeds < ?)
        AND (seeds, compared_epoch) <= (?, ?)""";

  /** Telemetry into {@code sweep}, {@code run} and {@code epoch_metric}. */
  public static void writeTelemetry(Connection c, List<EpochRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Map<List<String>, long[]> sweeps = new LinkedHashMap<>();
    Map<List<String>, EpochRow> latestByRun = new LinkedHashMap<>();
    Comparator<EpochRow> progress =
        Comparator.comparingInt(EpochRow::epoch).thenComparing(EpochRow::terminal);
    for (EpochRow row : rows) {
      sweeps.merge(
          List.of(row.sweepId(), row.executionId()),
          new long[] {row.timestampMs(), row.timestampMs()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      latestByRun.merge(
          List.of(row.runId(), row.executionId()),
          row,
          (a, b) -> progress.compare(b, a) > 0 ? b : a);
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_SWEEP)) {
      for (Map.Entry<List<String>, long[]> sweep : sweeps.entrySet()) {
        ps.setString(1, sweep.getKey().get(0));
        ps.setString(2, sweep.getKey().get(1));
        ps.setTimestamp(3, new Timestamp(sweep.getValue()[0]));
        ps.setTimestamp(4, new Timestamp(sweep.getValue()[1]));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_RUN)) {
      for (EpochRow r : latestByRun.values()) {
        int i = 1;
        ps.setString(i++, r.runId());
        ps.setString(i++, r.executionId());
        ps.setString(i++, r.sweepId());
        ps.setString(i++, r.variantId());
        ps.setString(i++, r.fixFamily());
        Columns.setSettings(ps, i++, r.fixParams());
        ps.setInt(i++, r.seed());
        ps.setString(i++, r.status());
        ps.setInt(i++, r.epoch());
        ps.setInt(i++, r.totalEpochs());
        ps.setString(i, r.errorMessage());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_EPOCH)) {
      // terminal records after the RUNNING ones of the same epoch, so the terminal one wins within
      // a batch too
      List<EpochRow> ordered = new ArrayList<>(rows);
      ordered.sort(
          Comparator.comparing(EpochRow::runId)
              .thenComparing(EpochRow::executionId)
              .thenComparing(progress));
      int n = 0;
      for (EpochRow r : ordered) {
        int i = 1;
        ps.setString(i++, r.runId());
        ps.setString(i++, r.executionId());
        ps.setInt(i++, r.epoch());
        ps.setString(i++, r.sweepId());
        ps.setString(i++, r.variantId());
        ps.setString(i++, r.fixFamily());
        ps.setInt(i++, r.seed());
        ps.setString(i++, r.status());
        Columns.setDouble(ps, i++, r.trainLoss());
        Columns.setDouble(ps, i++, r.valLoss());
        Columns.setDouble(ps, i++, r.trainAccuracy());
        Columns.setDouble(ps, i++, r.trainBalancedAccuracy());
        Columns.setDouble(ps, i++, r.valAccuracy());
        Columns.setDouble(ps, i++, r.valBalancedAccuracy());
        Columns.setDouble(ps, i++, r.valMacroF1());
        Columns.setDouble(ps, i++, r.majorityClassRate());
        Columns.setDouble(ps, i++, r.learningRate());
        ps.setLong(i++, r.epochWallTimeMs());
        ps.setLong(i++, r.nonFiniteCount());
        Columns.setDouble(ps, i++, r.maxAbsFeatureMean());
        ps.setTimestamp(i, new Timestamp(r.timestampMs()));
        ps.addBatch();
        if (++n % 1000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Diagnoses into {@code run_diagnosis}, verdicts into {@code fix_outcome}. */
  public static void writeDiagnoses(
      Connection c, Collection<RunDiagnosis> diagnoses, Collection<FixVerdict> verdicts)
      throws SQLException {
    if (!diagnoses.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(UPSERT_DIAGNOSIS)) {
        for (RunDiagnosis d : diagnoses) {
          int i = 1;
          ps.setString(i++, d.getRunId());
          ps.setString(i++, d.getExecutionId());
          ps.setString(i++, d.getSweepId());
          ps.setString(i++, d.getVariantId());
          ps.setString(i++, d.getFixFamily());
          ps.setInt(i++, d.getSeed());
          ps.setInt(i++, d.getEpoch());
          ps.setString(i++, d.getStatus());
          ps.setString(i++, d.getLearningState().name());
          Columns.setDouble(ps, i++, d.getValBalancedAccuracy());
          Columns.setSymptoms(
              ps, i++, d.getSymptoms().stream().map(SymptomEvidence::getSymptom).toList());
          Columns.setFindings(ps, i++, findings(d.getSymptoms()));
          Columns.setFindings(ps, i++, findings(d.getHints()));
          ps.setBoolean(i++, d.getFinalDiagnosis());
          ps.setTimestamp(i, new Timestamp(d.getTimestampMs()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (verdicts.isEmpty()) {
      return;
    }
    Map<List<String>, List<FixVerdict>> byFix =
        verdicts.stream()
            .collect(
                Collectors.groupingBy(
                    v -> List.of(v.getSweepId(), v.getExecutionId(), v.getVariantId()),
                    LinkedHashMap::new,
                    Collectors.toList()));
    try (PreparedStatement delete = c.prepareStatement(DELETE_STALE_OUTCOMES);
        PreparedStatement upsert = c.prepareStatement(UPSERT_OUTCOME)) {
      for (List<FixVerdict> rows : byFix.values()) {
        FixVerdict any = rows.get(0);
        delete.setString(1, any.getSweepId());
        delete.setString(2, any.getExecutionId());
        delete.setString(3, any.getVariantId());
        delete.setArray(
            4,
            c.createArrayOf(
                "text", rows.stream().map(FixVerdict::getBaselineSymptom).toArray(String[]::new)));
        delete.setInt(5, any.getSeeds());
        delete.setInt(6, any.getSeeds());
        delete.setInt(7, any.getComparedEpoch());
        delete.addBatch();
        for (FixVerdict v : rows) {
          int i = 1;
          upsert.setString(i++, v.getSweepId());
          upsert.setString(i++, v.getExecutionId());
          upsert.setString(i++, v.getVariantId());
          upsert.setString(i++, v.getBaselineSymptom());
          upsert.setString(i++, v.getFixFamily());
          Columns.setSettings(upsert, i++, v.getFixParams());
          Columns.setSymptoms(upsert, i++, v.getBaselineSymptoms());
          upsert.setInt(i++, v.getSeeds());
          upsert.setInt(i++, v.getComparedEpoch());
          upsert.setBoolean(i++, v.getResolved());
          upsert.setBoolean(i++, v.getImproved());
          Columns.setDouble(upsert, i++, v.getBaselineMetric());
          Columns.setDouble(upsert, i++, v.getVariantMetric());
          Columns.setDouble(upsert, i++, v.getMetricDelta());
          Columns.setDouble(upsert, i++, v.getMetricDeltaSpread());
          Columns.setDouble(upsert, i++, v.getEpochsToLearn());
          Columns.setSymptoms(upsert, i++, v.getRemainingSymptoms());
          Columns.setSymptoms(upsert, i++, v.getNewSymptoms());
          upsert.setBoolean(i++, v.getFinalVerdict());
          upsert.setTimestamp(i, new Timestamp(v.getTimestampMs()));
          upsert.addBatch();
        }
      }
      delete.executeBatch();
      upsert.executeBatch();
    }
  }

  /** Evidence or hints as the tables hold them: each finding with its measurement. */
  static List<EvidenceRow> findings(List<SymptomEvidence> findings) {
    return findings.stream().map(EvidenceRow::of).toList();
  }
}
