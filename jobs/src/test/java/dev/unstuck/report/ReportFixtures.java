package dev.unstuck.report;

import dev.unstuck.db.EpochMetricRow;
import dev.unstuck.db.EvidenceRow;
import dev.unstuck.db.FixOutcome;
import dev.unstuck.db.RunDiagnosisRow;
import dev.unstuck.db.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows of the results tables for the report's tests, as the typed records the database reader
 * returns ({@code db/ResultsDatabase}): a small diverging-lr sweep (baseline diverges, lr-x0.001
 * fixes it), and builders for rows of other sweeps. The records cannot hold a shape the schema
 * cannot; that writer and reader agree on every column is {@code db/ResultColumnsIT}'s job.
 */
final class ReportFixtures {
  static final String SWEEP = "diverging-lr";

  /** The CSV tables of sweeps built here: the report's tests do not read them. */
  static final Table NO_TABLE = new Table("none", List.of(), List.of());

  private ReportFixtures() {}

  static List<RunDiagnosisRow> runDiagnoses() {
    List<EvidenceRow> divergingEvidence =
        List.of(
            new EvidenceRow(
                "DIVERGING",
                "train_loss",
                2,
                2,
                Double.NaN,
                null,
                "train_loss became NaN at epoch 2 (any NaN/Inf diverges)"),
            new EvidenceRow(
                "NOT_LEARNING",
                "val_balanced_accuracy",
                1,
                8,
                0.1,
                0.1,
                "val balanced accuracy 0.100 <= chance 0.100 + margin over epochs 1-8"));
    List<RunDiagnosisRow> rows = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      rows.add(
          run(
              SWEEP,
              "baseline",
              "BASELINE",
              seed,
              8,
              "DIVERGED",
              "DIVERGED",
              0.1,
              divergingEvidence,
              List.of(),
              true));
      rows.add(
          run(
              SWEEP,
              "lr-x0.001",
              "LEARNING_RATE",
              seed,
              8,
              "FINISHED",
              "LEARNING",
              0.95 + seed / 100.0,
              List.of(),
              List.of(),
              true));
      rows.add(
          run(
              SWEEP,
              "clip-1.0",
              "GRADIENT_CLIPPING",
              seed,
              8,
              "DIVERGED",
              "DIVERGED",
              0.1,
              List.of(
                  new EvidenceRow(
                      "DIVERGING",
                      "val_loss",
                      3,
                      3,
                      3.4e6,
                      1e5,
                      "val_loss 3.4e+06 >= 1e+05 at epoch 3")),
              List.of(),
              true));
    }
    return rows;
  }

  /**
   * A {@code run_diagnosis} row: its symptoms are those its evidence names, in that order, as the
   * stream job writes them.
   */
  static RunDiagnosisRow run(
      String sweep,
      String variant,
      String family,
      int seed,
      int epoch,
      String status,
      String state,
      Double valBalancedAccuracy,
      List<EvidenceRow> evidence,
      List<EvidenceRow> hints,
      boolean isFinal) {
    return new RunDiagnosisRow(
        sweep + "/" + variant + "/seed-" + seed,
        sweep,
        variant,
        family,
        seed,
        epoch,
        status,
        state,
        valBalancedAccuracy,
        evidence.stream().map(EvidenceRow::symptom).toList(),
        evidence,
        hints,
        isFinal);
  }

  /** A finding with only its sentence, as rows written before schema V5 hold it. */
  static EvidenceRow said(String symptom, String explanation) {
    return new EvidenceRow(symptom, null, null, null, null, null, explanation);
  }

  static List<FixOutcome> fixOutcomes() {
    List<FixOutcome> rows = new ArrayList<>();
    List<String> baselineSymptoms = List.of("DIVERGING", "NOT_LEARNING");
    for (String symptom : baselineSymptoms) {
      rows.add(
          outcome(
              SWEEP,
              "lr-x0.001",
              "LEARNING_RATE",
              Map.of("learningRate", "x0.001"),
              symptom,
              baselineSymptoms,
              2,
              true,
              true,
              0.1,
              0.965,
              0.865,
              0.007,
              1.5,
              List.of()));
      rows.add(
          outcome(
              SWEEP,
              "clip-1.0",
              "GRADIENT_CLIPPING",
              Map.of("gradientClip", "1.0"),
              symptom,
              baselineSymptoms,
              2,
              false,
              false,
              0.1,
              0.1,
              0.0,
              0.0,
              null,
              symptom.equals("DIVERGING") ? List.of("DIVERGING") : List.of()));
    }
    return rows;
  }

  /** A final {@code fix_outcome} row compared at epoch 8, with no new symptoms. */
  static FixOutcome outcome(
      String sweep,
      String variant,
      String family,
      Map<String, String> params,
      String baselineSymptom,
      List<String> baselineSymptoms,
      int seeds,
      boolean resolved,
      boolean improved,
      double baselineMetric,
      double variantMetric,
      double delta,
      double spread,
      Double epochsToLearn,
      List<String> remainingSymptoms) {
    return new FixOutcome(
        sweep,
        variant,
        family,
        params,
        baselineSymptom,
        baselineSymptoms,
        seeds,
        8,
        resolved,
        improved,
        baselineMetric,
        variantMetric,
        delta,
        spread,
        epochsToLearn,
        remainingSymptoms,
        List.of(),
        true);
  }

  static List<EpochMetricRow> epochMetrics() {
    List<EpochMetricRow> rows = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      for (int epoch = 1; epoch <= 8; epoch++) {
        rows.add(
            new EpochMetricRow(
                SWEEP + "/baseline/seed-" + seed,
                "baseline",
                seed,
                epoch,
                epoch == 1 ? 1e7 : Double.NaN,
                epoch == 1 ? 3e7 : Double.NaN,
                0.1,
                0.11));
        rows.add(
            new EpochMetricRow(
                SWEEP + "/lr-x0.001/seed-" + seed,
                "lr-x0.001",
                seed,
                epoch,
                2.0 / epoch,
                2.1 / epoch,
                Math.min(0.97, 0.5 + epoch * 0.06),
                0.11));
        rows.add(
            new EpochMetricRow(
                SWEEP + "/clip-1.0/seed-" + seed,
                "clip-1.0",
                seed,
                epoch,
                epoch < 3 ? 5.0 * epoch : Double.POSITIVE_INFINITY,
                epoch < 3 ? 6.0 * epoch : Double.NaN,
                0.1,
                0.11));
      }
    }
    return rows;
  }

  static SweepTables results() {
    return new SweepTables(
        SWEEP, runDiagnoses(), fixOutcomes(), epochMetrics(), NO_TABLE, NO_TABLE);
  }

  /** A sweep of these runs and fix rows, without epochs. */
  static SweepTables sweep(String sweep, List<RunDiagnosisRow> runs, List<FixOutcome> outcomes) {
    return new SweepTables(sweep, runs, outcomes, List.of(), NO_TABLE, NO_TABLE);
  }
}
