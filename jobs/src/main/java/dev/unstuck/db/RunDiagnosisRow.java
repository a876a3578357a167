package dev.unstuck.db;

import dev.unstuck.fix.Variant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One row of {@code run_diagnosis}: a run's latest diagnosis; hints are advisory findings, not
 * symptoms.
 */
public record RunDiagnosisRow(
    String runId,
    String sweepId,
    String variantId,
    String fixFamily,
    int seed,
    int epoch,
    String status,
    String learningState,
    Double valBalancedAccuracy,
    List<String> symptoms,
    List<EvidenceRow> evidence,
    List<EvidenceRow> hints,
    boolean isFinal) {

  static final String TABLE = "run_diagnosis";

  public RunDiagnosisRow {
    symptoms = List.copyOf(symptoms);
    evidence = List.copyOf(evidence);
    hints = List.copyOf(hints);
  }

  /** The row {@code rs} stands on. */
  static RunDiagnosisRow read(ResultSet rs) throws SQLException {
    return new RunDiagnosisRow(
        rs.getString("run_id"),
        rs.getString("sweep_id"),
        rs.getString("variant_id"),
        rs.getString("fix_family"),
        rs.getInt("seed"),
        rs.getInt("epoch"),
        rs.getString("status"),
        rs.getString("learning_state"),
        Columns.nullableDouble(rs, "val_balanced_accuracy"),
        Columns.symptoms(rs, TABLE, "symptoms"),
        Columns.findings(rs, TABLE, "evidence"),
        Columns.findings(rs, TABLE, "hints"),
        rs.getBoolean("is_final"));
  }

  /** The evidence of one of its symptoms. */
  public List<EvidenceRow> evidenceFor(String symptom) {
    return evidence.stream().filter(e -> symptom.equals(e.symptom())).toList();
  }

  /** Training threw: a failure, named as such, never a seed with or without symptoms. */
  public boolean failed() {
    return "FAILED".equals(status);
  }

  public boolean isBaseline() {
    return Variant.BASELINE_ID.equals(variantId);
  }
}
