package dev.unstuck.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of {@code fix_outcome}: did one fix resolve one baseline symptom (NONE: the baseline had
 * none), and did it improve on the baseline by more than the seed spread (against a healthy
 * baseline: an improvement, not a fix).
 */
public record FixOutcome(
    String sweepId,
    String variantId,
    String fixFamily,
    Map<String, String> fixParams,
    String baselineSymptom,
    List<String> baselineSymptoms,
    int seeds,
    int comparedEpoch,
    boolean resolved,
    boolean improved,
    Double baselineMetric,
    Double variantMetric,
    Double metricDelta,
    Double metricDeltaSpread,
    Double epochsToLearn,
    List<String> remainingSymptoms,
    List<String> newSymptoms,
    boolean isFinal) {

  static final String TABLE = "fix_outcome";

  public FixOutcome {
    fixParams = Map.copyOf(fixParams);
    baselineSymptoms = List.copyOf(baselineSymptoms);
    remainingSymptoms = List.copyOf(remainingSymptoms);
    newSymptoms = List.copyOf(newSymptoms);
  }

  /** The row {@code rs} stands on. */
  static FixOutcome read(ResultSet rs) throws SQLException {
    return new FixOutcome(
        rs.getString("sweep_id"),
        rs.getString("variant_id"),
        rs.getString("fix_family"),
        Columns.settings(rs, TABLE, "fix_params"),
        rs.getString("baseline_symptom"),
        Columns.symptoms(rs, TABLE, "baseline_symptoms"),
        rs.getInt("seeds"),
        rs.getInt("compared_epoch"),
        rs.getBoolean("resolved"),
        rs.getBoolean("improved"),
        Columns.nullableDouble(rs, "baseline_metric"),
        Columns.nullableDouble(rs, "variant_metric"),
        Columns.nullableDouble(rs, "metric_delta"),
        Columns.nullableDouble(rs, "metric_delta_spread"),
        Columns.nullableDouble(rs, "epochs_to_learn"),
        Columns.symptoms(rs, TABLE, "remaining_symptoms"),
        Columns.symptoms(rs, TABLE, "new_symptoms"),
        rs.getBoolean("is_final"));
  }

  /** The fix's setting as a person writes it in a spec, e.g. {@code learningRate: x0.001}. */
  public String fixSetting() {
    if (fixParams.isEmpty()) {
      return variantId;
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(fixParams)
        .forEach(
            (k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
    return text.toString();
  }
}
