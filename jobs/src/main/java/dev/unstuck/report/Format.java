package dev.unstuck.report;

import dev.unstuck.db.EvidenceRow;
import java.util.Locale;

/** Numbers as a person reads them in the table and the report. */
final class Format {
  private Format() {}

  /**
   * 3 significant decimals for metrics in [0, 1]; scientific notation for very large or small
   * values.
   */
  static String number(Double value) {
    if (value == null) {
      return "-";
    }
    if (value.isNaN()) {
      return "NaN";
    }
    if (value.isInfinite()) {
      return value > 0 ? "Inf" : "-Inf";
    }
    double abs = Math.abs(value);
    if (abs != 0 && (abs >= 1e5 || abs < 1e-3)) {
      return String.format(Locale.ROOT, "%.2g", value);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String signed(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return number(value);
    }
    return (value >= 0 ? "+" : "") + number(value);
  }

  /** {@code +0.812 ± 0.004}. */
  static String delta(Double delta, Double spread) {
    if (delta == null) {
      return "-";
    }
    return signed(delta) + (spread == null ? "" : " ± " + number(spread));
  }

  /** Mean epoch count as a person says it: "1", "2.5", or "never". */
  static String epochs(Double epochs) {
    if (epochs == null || epochs.isNaN()) {
      return "never";
    }
    return epochs == Math.rint(epochs)
        ? String.valueOf(epochs.intValue())
        : String.format(Locale.ROOT, "%.1f", epochs);
  }

  /**
   * What a finding measured, e.g. {@code val_loss, epochs 3-5: NaN (threshold 1.0e+05)}; empty when
   * its row predates the measurement being stored.
   */
  static String measurement(EvidenceRow evidence) {
    StringBuilder text = new StringBuilder();
    if (evidence.metric() != null) {
      text.append(evidence.metric());
    }
    Integer from = evidence.fromEpoch();
    if (from != null) {
      Integer to = evidence.toEpoch();
      text.append(text.length() == 0 ? "" : ", ")
          .append(to == null || to.equals(from) ? "epoch " + from : "epochs " + from + "-" + to);
    }
    if (evidence.value() != null) {
      text.append(text.length() == 0 ? "" : ": ").append(number(evidence.value()));
      if (evidence.threshold() != null) {
        text.append(" (threshold ").append(number(evidence.threshold())).append(')');
      }
    }
    return text.toString();
  }
}
