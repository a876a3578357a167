package dev.unstuck.report;

import dev.unstuck.db.EpochMetricRow;
import dev.unstuck.db.EvidenceRow;
import dev.unstuck.db.FixOutcome;
import dev.unstuck.db.RunDiagnosisRow;
import dev.unstuck.db.StoredSweep;
import dev.unstuck.db.Table;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.Variant;
import dev.unstuck.verdict.Combination;
import dev.unstuck.verdict.LabelPermutation;
import dev.unstuck.verdict.SeedMajority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one sweep produced, as read from the results tables: the runs' diagnoses, the fix outcomes
 * and the epoch metrics; and the tables as stored, for the CSV files.
 */
public record SweepTables(StoredSweep stored) {

  /** The tables of one execution of a sweep, given row by row (tests build them so). */
  public SweepTables(
      String sweepId,
      List<RunDiagnosisRow> runs,
      List<FixOutcome> outcomes,
      List<EpochMetricRow> epochs,
      Table runDiagnosisTable,
      Table fixOutcomeTable) {
    this(new StoredSweep(sweepId, runs, outcomes, epochs, runDiagnosisTable, fixOutcomeTable));
  }

  /** What the results tables hold for one execution of a sweep. */
  public static SweepTables of(StoredSweep stored) {
    return new SweepTables(stored);
  }

  public String sweepId() {
    return stored.sweepId();
  }

  public List<RunDiagnosisRow> runs() {
    return stored.runs();
  }

  public List<FixOutcome> outcomes() {
    return stored.outcomes();
  }

  public List<EpochMetricRow> epochs() {
    return stored.epochs();
  }

  public Table runDiagnosisTable() {
    return stored.runDiagnosisTable();
  }

  public Table fixOutcomeTable() {
    return stored.fixOutcomeTable();
  }

  /**
   * A symptom of the baseline: in how many of its seeds that ran (not FAILED), with the evidence of
   * the first seed that had it.
   */
  public record BaselineSymptom(String symptom, int seedsWith, int seeds, EvidenceRow evidence) {}

  public List<RunDiagnosisRow> baselineRuns() {
    return runs().stream()
        .filter(RunDiagnosisRow::isBaseline)
        .sorted(Comparator.comparingInt(RunDiagnosisRow::seed))
        .toList();
  }

  /** Learning states of the baseline's seeds, e.g. {NOT_LEARNING=2}. */
  public Map<String, Long> baselineStates() {
    return baselineRuns().stream()
        .collect(
            Collectors.groupingBy(
                r -> r.learningState() == null ? "UNKNOWN" : r.learningState(),
                TreeMap::new,
                Collectors.counting()));
  }

  /**
   * The baseline's symptoms by the rule the verdicts use ({@link SeedMajority}: at least half of
   * the seeds that ran), so every symptom named here has its verdict rows. A FAILED seed is a
   * failure, not a seed without symptoms.
   */
  public List<BaselineSymptom> baselineSymptoms() {
    List<RunDiagnosisRow> ran = baselineRuns().stream().filter(r -> !r.failed()).toList();
    Map<String, List<RunDiagnosisRow>> bySymptom = new LinkedHashMap<>();
    for (RunDiagnosisRow run : ran) {
      for (String symptom : run.symptoms()) {
        bySymptom.computeIfAbsent(symptom, s -> new ArrayList<>()).add(run);
      }
    }
    List<BaselineSymptom> symptoms = new ArrayList<>();
    bySymptom.forEach(
        (symptom, withIt) -> {
          if (SeedMajority.holds(withIt.size(), ran.size())) {
            symptoms.add(
                new BaselineSymptom(
                    symptom,
                    withIt.size(),
                    ran.size(),
                    withIt.stream()
                        .flatMap(r -> r.evidenceFor(symptom).stream())
                        .findFirst()
                        .orElse(null)));
          }
        });
    symptoms.sort(Comparator.comparingInt(BaselineSymptom::seedsWith).reversed());
    return symptoms;
  }

  /**
   * Advisory findings on the baseline that learns (e.g. unnormalised inputs), by the same seed
   * rule: worth a look, but not symptoms - nothing is broken, so no fix "resolves" them.
   */
  public List<BaselineSymptom> baselineHints() {
    List<RunDiagnosisRow> ran = baselineRuns().stream().filter(r -> !r.failed()).toList();
    Map<String, List<EvidenceRow>> byFinding = new LinkedHashMap<>();
    ran.forEach(
        run ->
            run.hints()
                .forEach(
                    h -> byFinding.computeIfAbsent(h.symptom(), s -> new ArrayList<>()).add(h)));
    List<BaselineSymptom> hints = new ArrayList<>();
    byFinding.forEach(
        (finding, seen) -> {
          if (SeedMajority.holds(seen.size(), ran.size())) {
            hints.add(new BaselineSymptom(finding, seen.size(), ran.size(), seen.get(0)));
          }
        });
    return hints;
  }

  /** Fixes that beat the baseline by more than the seed spread, best first (one row per fix). */
  public List<FixOutcome> improvements() {
    Map<String, FixOutcome> byFix = new TreeMap<>();
    outcomes().stream()
        .filter(FixOutcome::improved)
        .forEach(o -> byFix.putIfAbsent(o.variantId(), o));
    return byFix.values().stream()
        .sorted(Comparator.comparingDouble(SweepTables::delta).reversed())
        .toList();
  }

  /**
   * The fix to apply: of the fixes that resolved a baseline symptom, the one that resolved the most
   * of them, then the one that gained the most; each fix's row of the first symptom it resolved. A
   * combination counts only when it was kept (it beat each of its fixes alone). Empty when nothing
   * was resolved.
   */
  public Optional<FixOutcome> bestResolution() {
    Optional<String> keptCombination =
        combination().filter(Combination.Reading::kept).map(Combination.Reading::combinationId);
    Map<String, List<FixOutcome>> resolvedByFix =
        outcomes().stream()
            .filter(FixOutcome::resolved)
            .filter(
                o ->
                    !FixFamily.COMBINED.name().equals(o.fixFamily())
                        || keptCombination.isPresent()
                            && keptCombination.get().equals(o.variantId()))
            .collect(
                Collectors.groupingBy(FixOutcome::variantId, TreeMap::new, Collectors.toList()));
    return resolvedByFix.values().stream()
        .max(
            Comparator.<List<FixOutcome>>comparingInt(List::size)
                .thenComparing(rows -> delta(rows.get(0))))
        .map(rows -> rows.get(0));
  }

  /** The baseline symptoms {@code variantId} resolved. */
  public List<String> resolvedBy(String variantId) {
    return outcomes().stream()
        .filter(o -> o.resolved() && o.variantId().equals(variantId))
        .map(FixOutcome::baselineSymptom)
        .distinct()
        .toList();
  }

  /**
   * What the fix table says when it has no rows: no fix was tried, or fixes were trained and none
   * has a verdict yet (the wait for the diagnoses ended first).
   */
  public String noFixRows() {
    List<String> trained =
        runs().stream()
            .map(RunDiagnosisRow::variantId)
            .filter(id -> !id.equals(Variant.BASELINE_ID) && !Variant.isProbeId(id))
            .distinct()
            .sorted()
            .toList();
    return trained.isEmpty()
        ? "No fixes were tried."
        : "No fix has a verdict yet: "
            + String.join(", ", trained)
            + " trained, not judged before the wait ended.";
  }

  /** Mean final validation balanced accuracy of the baseline's seeds. */
  public Double baselineMetric() {
    return baselineRuns().stream()
        .filter(r -> !r.failed())
        .map(RunDiagnosisRow::valBalancedAccuracy)
        .filter(v -> v != null && !v.isNaN())
        .mapToDouble(Double::doubleValue)
        .average()
        .stream()
        .boxed()
        .findFirst()
        .orElse(null);
  }

  /**
   * Fix rows for the table, grouped by fix: fixes that resolved something first, then by the metric
   * gained; within a fix, the baseline's symptoms in the order the baseline section lists them.
   */
  public List<FixOutcome> sortedOutcomes() {
    List<String> symptomOrder = baselineSymptoms().stream().map(BaselineSymptom::symptom).toList();
    Map<String, List<FixOutcome>> byFix =
        outcomes().stream()
            .collect(
                Collectors.groupingBy(FixOutcome::variantId, TreeMap::new, Collectors.toList()));
    Comparator<List<FixOutcome>> fixOrder =
        Comparator.<List<FixOutcome>, Boolean>comparing(
                rows -> rows.stream().anyMatch(FixOutcome::resolved))
            .reversed()
            .thenComparing(rows -> delta(rows.get(0)), Comparator.reverseOrder());
    Comparator<FixOutcome> symptomWithinFix =
        Comparator.<FixOutcome>comparingInt(
                o -> {
                  int index = symptomOrder.indexOf(o.baselineSymptom());
                  return index < 0 ? Integer.MAX_VALUE : index;
                })
            .thenComparing(FixOutcome::baselineSymptom);
    return byFix.values().stream()
        .sorted(fixOrder)
        .flatMap(rows -> rows.stream().sorted(symptomWithinFix))
        .toList();
  }

  private static double delta(FixOutcome outcome) {
    Double delta = outcome.metricDelta();
    return delta == null || delta.isNaN() ? Double.NEGATIVE_INFINITY : delta;
  }

  /**
   * The label-permutation probe's reading, when the sweep ran one (it does when nothing helped a
   * baseline that does not learn): the probed variant's final metric with the real labels against
   * the permuted ones, seed by seed.
   */
  public Optional<LabelPermutation.Reading> labelPermutation() {
    Optional<String> probed =
        runs().stream()
            .map(r -> Variant.probedBy(r.variantId()))
            .flatMap(Optional::stream)
            .findFirst();
    return probed.flatMap(
        id ->
            LabelPermutation.read(
                id,
                finalMetricBySeed(id),
                finalMetricBySeed(Variant.PERMUTED_LABELS_PREFIX + id),
                Thresholds.DEFAULTS));
  }

  private Map<Integer, Double> finalMetricBySeed(String variantId) {
    Map<Integer, Double> bySeed = new TreeMap<>();
    runs().stream()
        .filter(
            r ->
                variantId.equals(r.variantId())
                    && r.isFinal()
                    && !r.failed()
                    && r.valBalancedAccuracy() != null)
        .forEach(r -> bySeed.put(r.seed(), r.valBalancedAccuracy()));
    return bySeed;
  }

  /**
   * The second round's combination against each of its fixes alone, when {@code fixes: auto}
   * trained one: kept only if it beats every one of them by the verdict margin ({@link
   * Combination}).
   */
  public Optional<Combination.Reading> combination() {
    return runs().stream()
        .filter(r -> FixFamily.COMBINED.name().equals(r.fixFamily()))
        .map(RunDiagnosisRow::variantId)
        .findFirst()
        .map(
            id -> {
              Map<String, Map<Integer, Double>> alone = new LinkedHashMap<>();
              for (String fixId : id.split(Pattern.quote(Variant.COMBINED_SEPARATOR))) {
                alone.put(fixId, finalMetricBySeed(fixId));
              }
              return Combination.read(id, finalMetricBySeed(id), alone, Thresholds.DEFAULTS);
            });
  }

  /** The combination's finding in one sentence, for the answer. */
  static String combinationSentence(Combination.Reading reading) {
    String gains =
        reading.gains().entrySet().stream()
            .map(
                e ->
                    Format.delta(e.getValue().delta(), e.getValue().spread())
                        + " over "
                        + e.getKey()
                        + " alone")
            .collect(Collectors.joining(", "));
    return reading.kept()
        ? "Together, "
            + reading.combinationId()
            + " beats each fix alone ("
            + gains
            + "): keep both."
        : "Together, "
            + reading.combinationId()
            + " does not beat each fix alone by more than the seed spread ("
            + (gains.isEmpty() ? "not comparable" : gains)
            + "): one fix is enough.";
  }

  /** The probe's finding in one sentence, for the answer. */
  static String labelSignalSentence(LabelPermutation.Reading reading) {
    String model =
        Variant.REFERENCE_ID.equals(reading.variantId())
            ? "a reference network (the baseline's layers; ReLU, He init, Adam, standardised inputs, class weights)"
            : reading.variantId();
    String scores =
        model
            + " reached "
            + Format.number(reading.realMetric())
            + " validation balanced accuracy with the real labels and "
            + Format.number(reading.permutedMetric())
            + " with the labels permuted ("
            + reading.seeds()
            + " seed"
            + (reading.seeds() == 1 ? "" : "s")
            + ")";
    return reading.signal()
        ? "The labels do carry signal: "
            + scores
            + ". The model can learn from this data; try fixes of other "
            + "families."
        : "No fix helped, and the labels look unrelated to the features: "
            + scores
            + ". Check the data pipeline "
            + "(labels joined to the wrong rows, a shuffled or wrong label column) before the model.";
  }

  /**
   * Every seed of the baseline has its final diagnosis: only then may it be called healthy or not.
   */
  public boolean baselineDiagnosed() {
    List<RunDiagnosisRow> baseline = baselineRuns();
    return !baseline.isEmpty() && baseline.stream().allMatch(RunDiagnosisRow::isFinal);
  }

  /**
   * A diagnosed baseline with no symptom; a baseline nobody diagnosed is not healthy, it is
   * unknown.
   */
  public boolean baselineHealthy() {
    return baselineDiagnosed() && !baselineFailed() && baselineSymptoms().isEmpty();
  }

  /**
   * Every seed of the baseline FAILED: there is nothing to diagnose and nothing to compare fixes
   * with.
   */
  public boolean baselineFailed() {
    List<RunDiagnosisRow> baseline = baselineRuns();
    return !baseline.isEmpty() && baseline.stream().allMatch(RunDiagnosisRow::failed);
  }

  /** The answer in one or two sentences. */
  public String answer() {
    if (baselineRuns().isEmpty()) {
      return "The baseline was not diagnosed: there is no verdict.";
    }
    if (baselineFailed()) {
      return "Every seed of the baseline FAILED (training threw; the run table and unstuck.log say why): there is"
          + " no verdict.";
    }
    if (!baselineDiagnosed() && baselineSymptoms().isEmpty()) {
      return "The baseline's diagnosis did not finish: there is no verdict yet.";
    }
    if (baselineHealthy()) {
      long notLearning =
          baselineRuns().stream().filter(r -> !"LEARNING".equals(r.learningState())).count();
      String sentence =
          notLearning == 0
              ? "The baseline learns and shows no symptom: nothing to fix."
              : "The baseline raised no symptom, but "
                  + notLearning
                  + " of "
                  + baselineRuns().size()
                  + " seeds did not learn (validation balanced accuracy "
                  + Format.number(baselineMetric())
                  + ").";
      String improvement =
          notLearning == 0
              ? " Improvement (not a fix, nothing was broken): "
              : " Best improvement: ";
      return improvements().stream()
              .findFirst()
              .map(
                  best ->
                      sentence
                          + improvement
                          + best.variantId()
                          + ", balanced accuracy "
                          + Format.number(best.baselineMetric())
                          + " -> "
                          + Format.number(best.variantMetric())
                          + " ("
                          + Format.delta(best.metricDelta(), best.metricDeltaSpread())
                          + ").")
              .orElse(sentence)
          + labelPermutation().map(reading -> "\n" + labelSignalSentence(reading)).orElse("");
    }
    Map<String, List<FixOutcome>> resolvedBySymptom = new TreeMap<>();
    for (FixOutcome outcome : sortedOutcomes()) {
      if (outcome.resolved()) {
        resolvedBySymptom
            .computeIfAbsent(outcome.baselineSymptom(), s -> new ArrayList<>())
            .add(outcome);
      }
    }
    List<String> sentences = new ArrayList<>();
    for (BaselineSymptom symptom : baselineSymptoms()) {
      List<FixOutcome> fixes = resolvedBySymptom.getOrDefault(symptom.symptom(), List.of());
      if (fixes.isEmpty()) {
        sentences.add(symptom.symptom() + ": no fix tried resolved it.");
      } else {
        FixOutcome best = fixes.get(0);
        sentences.add(
            symptom.symptom()
                + " is resolved by "
                + fixes.stream()
                    .map(FixOutcome::variantId)
                    .distinct()
                    .collect(Collectors.joining(", "))
                + " (best: "
                + best.variantId()
                + ", balanced accuracy "
                + Format.number(best.baselineMetric())
                + " -> "
                + Format.number(best.variantMetric())
                + ").");
      }
    }
    combination().ifPresent(reading -> sentences.add(combinationSentence(reading)));
    labelPermutation().ifPresent(reading -> sentences.add(labelSignalSentence(reading)));
    return String.join("\n", sentences);
  }
}
