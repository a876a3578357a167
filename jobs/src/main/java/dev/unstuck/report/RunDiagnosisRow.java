package dev.unstuck.report;

import dev.unstuck.fix.Variant;
import java.util.List;
import java.util.Map;

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

  public RunDiagnosisRow {
    symptoms = List.copyOf(symptoms);
    evidence = List.copyOf(evidence);
    hints = List.copyOf(hints);
  }

  public static RunDiagnosisRow of(Map<String, Object> row) {
    List<EvidenceRow> evidence = EvidenceRow.parseAll(row.get("evidence"));
    List<String> symptoms = symptomNames(row.get("symptoms"), evidence);
    return new RunDiagnosisRow(
        Values.string(row.get("run_id")),
        Values.string(row.get("sweep_id")),
        Values.string(row.get("variant_id")),
        Values.string(row.get("fix_family")),
        Values.integer(row.get("seed"), 0),
        Values.integer(row.get("epoch"), 0),
        Values.string(row.get("status")),
        Values.string(row.get("learning_state")),
        Values.number(row.get("val_balanced_accuracy")),
        symptoms,
        evidence,
        EvidenceRow.parseAll(row.get("hints")),
        Values.bool(row.get("is_final")));
  }

  /** The symptoms column may hold names, or whole evidence objects. */
  private static List<String> symptomNames(Object column, List<EvidenceRow> evidence) {
    String text = column == null ? "" : column.toString().trim();
    if (text.startsWith("[{")) {
      return EvidenceRow.parseAll(text).stream().map(EvidenceRow::symptom).distinct().toList();
    }
    List<String> names = Values.strings(column);
    return names.isEmpty()
        ? evidence.stream().map(EvidenceRow::symptom).filter(s -> s != null).distinct().toList()
        : names;
  }

  /** Evidence for a symptom, also when the symptoms column carried it. */
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
