package dev.unstuck.report;

import dev.unstuck.db.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows as the results tables hold them for a small diverging-lr sweep: baseline diverges, lr-x0.001
 * fixes it.
 */
final class ReportFixtures {
  static final String SWEEP = "diverging-lr";

  static final List<String> RUN_DIAGNOSIS_COLUMNS =
      List.of(
          "run_id",
          "sweep_id",
          "variant_id",
          "fix_family",
          "seed",
          "epoch",
          "status",
          "learning_state",
          "val_balanced_accuracy",
          "symptoms",
          "evidence",
          "is_final",
          "diagnosed_at",
          "updated_at");
  static final List<String> FIX_OUTCOME_COLUMNS =
      List.of(
          "sweep_id",
          "variant_id",
          "baseline_symptom",
          "fix_family",
          "fix_params",
          "baseline_symptoms",
          "seeds",
          "compared_epoch",
          "resolved",
          "baseline_metric",
          "variant_metric",
          "metric_delta",
          "metric_delta_spread",
          "epochs_to_learn",
          "remaining_symptoms",
          "new_symptoms",
          "is_final",
          "judged_at",
          "updated_at");
  static final List<String> EPOCH_COLUMNS =
      List.of(
          "run_id",
          "epoch",
          "sweep_id",
          "variant_id",
          "seed",
          "train_loss",
          "val_loss",
          "val_balanced_accuracy",
          "majority_class_rate");

  private ReportFixtures() {}

  static Table runDiagnosis() {
    String divergingEvidence =
        "DIVERGING: train_loss became NaN at epoch 2 (any NaN/Inf diverges)\n"
            + "NOT_LEARNING: val balanced accuracy 0.100 <= chance 0.100 + margin over epochs 1-8";
    List<List<Object>> rows = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      rows.add(
          row(
              "diverging-lr/baseline/seed-" + seed,
              "baseline",
              "BASELINE",
              seed,
              8,
              "DIVERGED",
              "DIVERGED",
              0.1,
              "DIVERGING, NOT_LEARNING",
              divergingEvidence));
      rows.add(
          row(
              "diverging-lr/lr-x0.001/seed-" + seed,
              "lr-x0.001",
              "LEARNING_RATE",
              seed,
              8,
              "FINISHED",
              "LEARNING",
              0.95 + seed / 100.0,
              "",
              ""));
      rows.add(
          row(
              "diverging-lr/clip-1.0/seed-" + seed,
              "clip-1.0",
              "GRADIENT_CLIPPING",
              seed,
              8,
              "DIVERGED",
              "DIVERGED",
              0.1,
              "DIVERGING",
              "DIVERGING: val_loss 3.4e+06 >= 1e+05 at epoch 3"));
    }
    return new Table("run_diagnosis", RUN_DIAGNOSIS_COLUMNS, rows);
  }

  private static List<Object> row(
      String runId,
      String variant,
      String family,
      int seed,
      int epoch,
      String status,
      String state,
      double acc,
      String symptoms,
      String evidence) {
    return Arrays.asList(
        runId,
        SWEEP,
        variant,
        family,
        seed,
        epoch,
        status,
        state,
        acc,
        symptoms,
        evidence,
        true,
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:01Z");
  }

  static Table fixOutcome() {
    List<List<Object>> rows = new ArrayList<>();
    for (String symptom : List.of("DIVERGING", "NOT_LEARNING")) {
      rows.add(
          Arrays.asList(
              SWEEP,
              "lr-x0.001",
              symptom,
              "LEARNING_RATE",
              "learningRate=x0.001",
              "DIVERGING,NOT_LEARNING",
              2,
              8,
              true,
              0.1,
              0.965,
              0.865,
              0.007,
              1.5,
              "",
              "",
              true,
              "2026-01-01T00:00:00Z",
              "2026-01-01T00:00:01Z"));
      rows.add(
          Arrays.asList(
              SWEEP,
              "clip-1.0",
              symptom,
              "GRADIENT_CLIPPING",
              "gradientClip=1.0",
              "DIVERGING,NOT_LEARNING",
              2,
              8,
              false,
              0.1,
              0.1,
              0.0,
              0.0,
              null,
              symptom.equals("DIVERGING") ? "DIVERGING" : "",
              "",
              true,
              "2026-01-01T00:00:00Z",
              "2026-01-01T00:00:01Z"));
    }
    return new Table("fix_outcome", FIX_OUTCOME_COLUMNS, rows);
  }

  static Table epochMetric() {
    List<List<Object>> rows = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      for (int epoch = 1; epoch <= 8; epoch++) {
        rows.add(
            Arrays.asList(
                "diverging-lr/baseline/seed-" + seed,
                epoch,
                SWEEP,
                "baseline",
                seed,
                epoch == 1 ? 1e7 : Double.NaN,
                epoch == 1 ? 3e7 : Double.NaN,
                0.1,
                0.11));
        rows.add(
            Arrays.asList(
                "diverging-lr/lr-x0.001/seed-" + seed,
                epoch,
                SWEEP,
                "lr-x0.001",
                seed,
                2.0 / epoch,
                2.1 / epoch,
                Math.min(0.97, 0.5 + epoch * 0.06),
                0.11));
        rows.add(
            Arrays.asList(
                "diverging-lr/clip-1.0/seed-" + seed,
                epoch,
                SWEEP,
                "clip-1.0",
                seed,
                epoch < 3 ? 5.0 * epoch : Double.POSITIVE_INFINITY,
                epoch < 3 ? 6.0 * epoch : Double.NaN,
                0.1,
                0.11));
      }
    }
    return new Table("epoch_metric", EPOCH_COLUMNS, rows);
  }

  static SweepTables results() {
    return SweepTables.of(SWEEP, runDiagnosis(), fixOutcome(), epochMetric());
  }
}
