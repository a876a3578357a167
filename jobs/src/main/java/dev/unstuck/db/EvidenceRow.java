package dev.unstuck.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unstuck.avro.SymptomEvidence;

/**
 * Why a symptom (or a hint) was raised, as one element of the {@code evidence} and {@code hints}
 * columns hold it (the domain form is {@code diagnosis.Evidence}): the metric, the epochs, the
 * value and the threshold it crossed, and a sentence. The measurement is null in rows written
 * before it was stored (schema V5); the symptom and the sentence never are.
 */
public record EvidenceRow(
    @JsonProperty("symptom") String symptom,
    @JsonProperty("metric") String metric,
    @JsonProperty("from_epoch") Integer fromEpoch,
    @JsonProperty("to_epoch") Integer toEpoch,
    @JsonProperty("value") Double value,
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("explanation") String explanation) {

  public EvidenceRow {
    if (symptom == null || symptom.isBlank()) {
      throw new IllegalArgumentException("a finding needs its symptom");
    }
    if (explanation == null) {
      throw new IllegalArgumentException("finding " + symptom + " has no explanation");
    }
  }

  /** A finding as the stream job publishes it. */
  public static EvidenceRow of(SymptomEvidence finding) {
    return new EvidenceRow(
        finding.getSymptom(),
        finding.getMetric(),
        finding.getFromEpoch(),
        finding.getToEpoch(),
        finding.getValue(),
        finding.getThreshold(),
        finding.getExplanation());
  }
}
