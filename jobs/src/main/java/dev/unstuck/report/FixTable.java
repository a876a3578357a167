package dev.unstuck.report;

import dev.unstuck.db.EvidenceRow;
import dev.unstuck.db.FixOutcome;
import dev.unstuck.db.RunDiagnosisRow;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer in the terminal: the baseline's diagnosis with its evidence, then one line per fix and
 * symptom.
 */
public final class FixTable {
  private FixTable() {}

  public static String render(SweepTables results) {
    StringBuilder out = new StringBuilder();
    List<RunDiagnosisRow> baseline = results.baselineRuns();
    out.append("Baseline (")
        .append(baseline.size())
        .append(baseline.size() == 1 ? " seed" : " seeds")
        .append("): ")
        .append(states(results.baselineStates()))
        .append(", validation balanced accuracy ")
        .append(Format.number(results.baselineMetric()))
        .append('\n');
    if (results.baselineHealthy()) {
      out.append("  no symptoms\n");
    }
    for (SweepTables.BaselineSymptom symptom : results.baselineSymptoms()) {
      out.append("  ")
          .append(symptom.symptom())
          .append(" (")
          .append(symptom.seedsWith())
          .append('/')
          .append(symptom.seeds())
          .append(" seeds)");
      EvidenceRow evidence = symptom.evidence();
      if (evidence != null) {
        String measured = Format.measurement(evidence);
        if (!measured.isEmpty()) {
          out.append("  ").append(measured);
        }
        if (evidence.explanation() != null && !evidence.explanation().isBlank()) {
          out.append("\n      ").append(evidence.explanation());
        }
      }
      out.append('\n');
    }
    for (SweepTables.BaselineSymptom hint : results.baselineHints()) {
      out.append("  hint: ")
          .append(hint.symptom())
          .append(" (")
          .append(hint.seedsWith())
          .append('/')
          .append(hint.seeds())
          .append(" seeds)");
      if (hint.evidence() != null && hint.evidence().explanation() != null) {
        out.append("\n      ").append(hint.evidence().explanation());
      }
      out.append('\n');
    }
    out.append('\n');
    if (results.outcomes().isEmpty()) {
      out.append(results.noFixRows()).append('\n');
    } else {
      out.append(
          "Fixes (bal. acc. = validation balanced accuracy, mean over seeds; delta = fix - baseline ± spread):\n");
      TextTable table =
          new TextTable(
              List.of(
                  "family",
                  "fix",
                  "symptom",
                  "resolved",
                  "bal. acc.",
                  "delta",
                  "learns at epoch",
                  "symptoms with the fix"),
              false,
              false,
              false,
              false,
              true,
              true,
              true,
              false);
      for (FixOutcome outcome : results.sortedOutcomes()) {
        table.add(
            List.of(
                outcome.fixFamily(),
                outcome.fixSetting(),
                outcome.baselineSymptom(),
                resolved(outcome),
                Format.number(outcome.variantMetric()),
                Format.delta(outcome.metricDelta(), outcome.metricDeltaSpread()),
                Format.epochs(outcome.epochsToLearn()),
                symptomsWithFix(outcome)));
      }
      out.append(table.render("  "));
    }
    out.append('\n').append(results.answer()).append('\n');
    return out.toString();
  }

  /**
   * yes/no per baseline symptom; against a healthy baseline (NONE) nothing can be resolved, only
   * improved.
   */
  static String resolved(FixOutcome outcome) {
    if (outcome.isFinal() && outcome.seeds() == 0) {
      return "not compared (no seed ran on both sides)";
    }
    if ("NONE".equals(outcome.baselineSymptom())) {
      return outcome.improved() ? "improves" + (outcome.isFinal() ? "" : " (provisional)") : "-";
    }
    return (outcome.resolved() ? "yes" : "no") + (outcome.isFinal() ? "" : " (provisional)");
  }

  static String symptomsWithFix(FixOutcome outcome) {
    String remaining = String.join(", ", outcome.remainingSymptoms());
    String added =
        outcome.newSymptoms().stream().map(s -> "+" + s).collect(Collectors.joining(", "));
    String both =
        remaining.isEmpty() ? added : added.isEmpty() ? remaining : remaining + ", " + added;
    return both.isEmpty() ? "none" : both;
  }

  static String states(Map<String, Long> states) {
    if (states.isEmpty()) {
      return "no diagnosis";
    }
    return states.entrySet().stream()
        .map(e -> e.getKey().replace('_', ' ') + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }
}
