package dev.unstuck.report;

import dev.unstuck.db.EvidenceRow;
import dev.unstuck.db.FixOutcome;
import dev.unstuck.db.RunDiagnosisRow;
import dev.unstuck.diagnosis.Symptom;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * {@code report.html}: one self-contained page (charts inlined as PNG data: URIs) with the answer,
 * the baseline's diagnosis and evidence, the fix table, the charts, and every run's final state.
 * Opens from the file system.
 */
public final class HtmlReport {
  private static final String TEMPLATE = "/report/report.html";

  private HtmlReport() {}

  public static String render(SweepTables results, String summary) {
    List<String> variants = Charts.variants(results.epochs());
    StringBuilder lossCharts = new StringBuilder();
    for (int i = 0; i < variants.size(); i++) {
      lossCharts.append(figure(Charts.loss(results.epochs(), variants.get(i), i))).append('\n');
    }
    String accuracy =
        variants.isEmpty()
            ? "<p>No epochs were recorded.</p>"
            : figure(Charts.balancedAccuracy(results.epochs(), variants));
    return fill(
        template(),
        Map.of(
            "sweep", escape(results.sweepId()),
            "summary", escape(summary),
            "answer", escape(results.answer()),
            "baseline", baseline(results),
            "fixes", fixes(results),
            "accuracyChart", accuracy,
            "lossCharts", lossCharts.toString(),
            "runs", runs(results)));
  }

  static String baseline(SweepTables results) {
    StringBuilder html =
        new StringBuilder("<p>")
            .append(
                escape(
                    results.baselineRuns().size()
                        + " seeds: "
                        + FixTable.states(results.baselineStates())
                        + "; validation balanced accuracy "
                        + Format.number(results.baselineMetric())))
            .append("</p>\n");
    for (SweepTables.BaselineSymptom hint : results.baselineHints()) {
      html.append("<p class=\"hint\">hint (")
          .append(hint.seedsWith())
          .append('/')
          .append(hint.seeds())
          .append(" seeds, not a symptom): ")
          .append(
              escape(
                  hint.evidence() == null || hint.evidence().explanation() == null
                      ? hint.symptom()
                      : hint.evidence().explanation()))
          .append("</p>\n");
    }
    if (results.baselineHealthy()) {
      return html.append("<p>No symptoms: the baseline learns, nothing to fix.</p>\n").toString();
    }
    html.append(
        "<table>\n<tr><th>symptom</th><th>seeds</th><th>evidence</th><th>what it means</th></tr>\n");
    for (SweepTables.BaselineSymptom symptom : results.baselineSymptoms()) {
      html.append("<tr><td class=\"symptom\">")
          .append(escape(symptom.symptom()))
          .append("</td><td class=\"num\">")
          .append(symptom.seedsWith())
          .append('/')
          .append(symptom.seeds())
          .append("</td><td class=\"evidence\">")
          .append(measured(symptom.evidence()))
          .append("</td><td>")
          .append(escape(meaning(symptom.symptom())))
          .append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  /**
   * What was measured, as HTML: the detector's sentence, and under it the metric, epochs, value and
   * threshold it judged (either alone when the other is missing).
   */
  private static String measured(EvidenceRow evidence) {
    if (evidence == null) {
      return "";
    }
    String sentence = evidence.explanation() == null ? "" : evidence.explanation().strip();
    String measurement = Format.measurement(evidence);
    if (sentence.isEmpty() || measurement.isEmpty()) {
      return escape(sentence.isEmpty() ? measurement : sentence);
    }
    return escape(sentence) + "<br><span class=\"measure\">" + escape(measurement) + "</span>";
  }

  /**
   * The symptom in plain words, from the detectors' own list (empty for a name this build does not
   * know).
   */
  static String meaning(String symptom) {
    return Arrays.stream(Symptom.values())
        .filter(s -> s.name().equals(symptom))
        .findFirst()
        .map(Symptom::meaning)
        .orElse("");
  }

  /**
   * One row per fix, with the baseline symptoms it resolves: a fix's metrics are one comparison,
   * whatever symptom its rows in {@code fix_outcome} are about.
   */
  static String fixes(SweepTables results) {
    if (results.outcomes().isEmpty()) {
      return "<p>" + escape(results.noFixRows()) + "</p>\n";
    }
    StringBuilder html =
        new StringBuilder(
            "<table class=\"fixes\">\n<tr><th>family</th><th>fix</th>"
                + "<th>resolves</th><th>baseline</th><th>with the fix</th><th>delta &plusmn; spread</th>"
                + "<th>learns at epoch</th><th>symptoms with the fix</th></tr>\n");
    Map<String, List<FixOutcome>> byFix = new LinkedHashMap<>();
    results
        .sortedOutcomes()
        .forEach(o -> byFix.computeIfAbsent(o.variantId(), id -> new ArrayList<>()).add(o));
    for (List<FixOutcome> rows : byFix.values()) {
      FixOutcome outcome = rows.get(0);
      String verdict = verdict(rows);
      String css =
          rows.stream().anyMatch(FixOutcome::resolved)
              ? "yes"
              : verdict.startsWith("nothing") ? "no" : "";
      html.append("<tr><td>")
          .append(escape(outcome.fixFamily()))
          .append("</td><td>")
          .append(escape(outcome.fixSetting()))
          .append("</td><td class=\"")
          .append(css)
          .append("\">")
          .append(escape(verdict))
          .append("</td><td class=\"num\">")
          .append(escape(Format.number(outcome.baselineMetric())))
          .append("</td><td class=\"num\">")
          .append(escape(Format.number(outcome.variantMetric())))
          .append("</td><td class=\"num\">")
          .append(escape(Format.delta(outcome.metricDelta(), outcome.metricDeltaSpread())))
          .append("</td><td class=\"num\">")
          .append(escape(Format.epochs(outcome.epochsToLearn())))
          .append("</td><td class=\"symptom\">")
          .append(escape(FixTable.symptomsWithFix(outcome)))
          .append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  /**
   * The symptoms one fix resolves, or why none: "nothing", an improvement on a healthy baseline,
   * not compared.
   */
  static String verdict(List<FixOutcome> rowsOfOneFix) {
    FixOutcome first = rowsOfOneFix.get(0);
    if (first.isFinal() && first.seeds() == 0 || "NONE".equals(first.baselineSymptom())) {
      return FixTable.resolved(
          first); // not compared, or against a healthy baseline: one row says it all
    }
    String provisional =
        rowsOfOneFix.stream().allMatch(FixOutcome::isFinal) ? "" : " (provisional)";
    List<String> resolved =
        rowsOfOneFix.stream()
            .filter(FixOutcome::resolved)
            .map(FixOutcome::baselineSymptom)
            .toList();
    return (resolved.isEmpty() ? "nothing" : String.join(", ", resolved)) + provisional;
  }

  static String runs(SweepTables results) {
    StringBuilder html =
        new StringBuilder(
            "<table>\n<tr><th>run</th><th>status</th><th>learning</th>"
                + "<th>epoch</th><th>val balanced accuracy</th><th>symptoms</th></tr>\n");
    results.runs().stream()
        .sorted(Comparator.comparing(RunDiagnosisRow::runId))
        .forEach(
            run ->
                html.append("<tr><td>")
                    .append(escape(run.runId()))
                    .append("</td><td>")
                    .append(escape(run.status()))
                    .append("</td><td>")
                    .append(escape(run.learningState()))
                    .append("</td><td class=\"num\">")
                    .append(run.epoch())
                    .append("</td><td class=\"num\">")
                    .append(escape(Format.number(run.valBalancedAccuracy())))
                    .append("</td><td class=\"symptom\">")
                    .append(
                        escape(
                            run.symptoms().isEmpty() ? "none" : String.join(", ", run.symptoms())))
                    .append("</td></tr>\n"));
    return html.append("</table>\n").toString();
  }

  private static String figure(Charts.Chart chart) {
    return "<figure><img alt=\""
        + escape(chart.title())
        + "\" src=\""
        + chart.dataUri()
        + "\">"
        + (chart.note().isEmpty() ? "" : "<figcaption>" + escape(chart.note()) + "</figcaption>")
        + "</figure>";
  }

  static String fill(String template, Map<String, String> values) {
    String html = template;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      html = html.replace("{{" + entry.getKey() + "}}", entry.getValue());
    }
    return html;
  }

  private static String template() {
    try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the report template " + TEMPLATE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Text for the page: HTML's special characters (and anything beyond ASCII) as entities; null as
   * nothing.
   */
  static String escape(String text) {
    return text == null ? "" : StringEscapeUtils.escapeHtml4(text);
  }
}
