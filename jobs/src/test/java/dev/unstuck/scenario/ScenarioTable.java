package dev.unstuck.scenario;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.testing.ProductOutcome;
import dev.unstuck.testing.ResultsCsv;
import dev.unstuck.testing.Scenario;
import dev.unstuck.testing.ScenarioGrade;
import dev.unstuck.verdict.SeedMajority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table {@code deploy/bench/scenarios.sh} prints: for each scenario and mode (the listed fixes,
 * {@code fixes: auto}), what was expected, what {@code bin/unstuck run} diagnosed and which
 * families it found resolving, read from the results folder's {@code run_diagnosis.csv} and {@code
 * fix_outcome.csv}; then the totals.
 *
 * <p>Usage: {@code ScenarioTable SCENARIOS_FOLDER RESULTS_FOLDER [NAME...]}, results in {@code
 * RESULTS_FOLDER/MODE/NAME/} and the launcher's exit status in {@code
 * RESULTS_FOLDER/MODE/NAME.exit}.
 */
public final class ScenarioTable {
  static final List<String> MODES = List.of("listed", "auto");

  private ScenarioTable() {}

  public static void main(String[] args) throws IOException {
    Path scenarios = Path.of(args[0]);
    Path results = Path.of(args[1]);
    List<Scenario> all =
        args.length > 2
            ? Arrays.stream(args, 2, args.length)
                .map(name -> Scenario.named(scenarios, name))
                .toList()
            : Scenario.all(scenarios);
    System.out.print(render(all, results));
  }

  static String render(List<Scenario> scenarios, Path results) throws IOException {
    StringBuilder out = new StringBuilder();
    String format = "%-32s %-6s %-44s %-46s %-36s %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "scenario",
            "mode",
            "expected",
            "diagnosed",
            "resolving families found",
            "result"));
    for (String mode : MODES) {
      int graded = 0;
      int diagnosed = 0;
      int needResolution = 0;
      int resolutionFound = 0;
      int falseAlarms = 0;
      int wrongResolutions = 0;
      int passed = 0;
      int errors = 0;
      int notRun = 0;
      for (Scenario scenario : scenarios) {
        Path folder = results.resolve(mode).resolve(scenario.name());
        String exit = readExit(results.resolve(mode).resolve(scenario.name() + ".exit"));
        String expected =
            scenario.expected()
                + (scenario.resolvedBy().isEmpty()
                    ? "; nothing resolves"
                    : "; " + names(scenario.resolvedBy()));
        if (!Files.exists(folder.resolve("run_diagnosis.csv"))) {
          boolean ran = !exit.equals("?");
          errors += ran ? 1 : 0;
          notRun += ran ? 0 : 1;
          out.append(
              String.format(
                  Locale.ROOT,
                  format,
                  scenario.name(),
                  mode,
                  expected,
                  "-",
                  "-",
                  ran ? "ERROR (no results; exit " + exit + ")" : "not run"));
          continue;
        }
        ScenarioGrade grade = ScenarioGrade.of(scenario, outcome(folder));
        graded++;
        diagnosed += grade.diagnosisCorrect() ? 1 : 0;
        if (!scenario.resolvedBy().isEmpty()) {
          needResolution++;
          resolutionFound += grade.resolvingFound() ? 1 : 0;
        }
        falseAlarms += grade.falseAlarm() ? 1 : 0;
        wrongResolutions += grade.wrongResolution() && !scenario.healthy() ? 1 : 0;
        passed += grade.pass() ? 1 : 0;
        out.append(
            String.format(
                Locale.ROOT,
                format,
                scenario.name(),
                mode,
                expected,
                grade.diagnosed(),
                grade.found().isEmpty() ? "none" : names(grade.found()),
                result(grade, exit)));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%s: %d/%d passed; correct diagnoses %d/%d (%s); resolving family "
                  + "found %d/%d (%s); false alarms %d of %d healthy controls; fixes wrongly said to resolve %d; "
                  + "failed to give results %d; not run %d%n",
              mode,
              passed,
              scenarios.size(),
              diagnosed,
              graded,
              percent(diagnosed, graded),
              resolutionFound,
              needResolution,
              percent(resolutionFound, needResolution),
              falseAlarms,
              scenarios.stream().filter(Scenario::healthy).count(),
              wrongResolutions,
              errors,
              notRun));
    }
    return out.toString();
  }

  /** The product's answer from a results folder, by its own seed-majority rule. */
  static ProductOutcome outcome(Path folder) throws IOException {
    List<List<Symptom>> symptomsPerSeed = new ArrayList<>();
    int learning = 0;
    for (Map<String, String> row : ResultsCsv.read(folder.resolve("run_diagnosis.csv"))) {
      if (!"baseline".equals(row.get("variant_id")) || "FAILED".equals(row.get("learning_state"))) {
        continue; // a failed seed is no evidence either way (README: it takes no part in any
        // verdict)
      }
      symptomsPerSeed.add(symptoms(row.get("symptoms")));
      learning += "LEARNING".equals(row.get("learning_state")) ? 1 : 0;
    }
    Set<Symptom> majority = EnumSet.noneOf(Symptom.class);
    majority.addAll(SeedMajority.of(symptomsPerSeed));
    Map<Symptom, Set<ProductOutcome.Resolver>> resolving = new EnumMap<>(Symptom.class);
    for (Map<String, String> row : ResultsCsv.read(folder.resolve("fix_outcome.csv"))) {
      String symptom = row.get("baseline_symptom");
      if (isTrue(row.get("resolved")) && symptom != null && !symptom.equals("NONE")) {
        resolving
            .computeIfAbsent(Symptom.valueOf(symptom), s -> new LinkedHashSet<>())
            .add(
                new ProductOutcome.Resolver(
                    row.get("variant_id"), FixFamily.valueOf(row.get("fix_family"))));
      }
    }
    return new ProductOutcome(
        majority, SeedMajority.holds(learning, symptomsPerSeed.size()), resolving);
  }

  private static List<Symptom> symptoms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    // a text[] as PostgreSQL writes it: {NOT_LEARNING,DEAD_UNITS}
    return Arrays.stream(text.replaceAll("^\\{|\\}$", "").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Symptom::valueOf)
        .toList();
  }

  private static boolean isTrue(String text) {
    return "true".equalsIgnoreCase(text) || "t".equalsIgnoreCase(text);
  }

  private static String result(ScenarioGrade grade, String exit) {
    List<String> why = new ArrayList<>();
    if (!grade.diagnosisCorrect()) {
      why.add(grade.scenario().healthy() ? "false alarm" : "fault missed");
    }
    if (!grade.resolvingFound()) {
      why.add(
          grade.scenario().resolvedBy().isEmpty() ? "something resolves" : "no resolving family");
    }
    if (grade.wrongResolution()) {
      why.add("wrong family resolves");
    }
    String status = grade.pass() ? "pass" : "FAIL (" + String.join(", ", why) + ")";
    return "0".equals(exit) ? status : status + " [exit " + exit + "]";
  }

  private static String readExit(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file).trim() : "?";
  }

  private static String names(Set<FixFamily> families) {
    return String.join(",", families.stream().map(Enum::name).toList());
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
  }
}
