package dev.unstuck.scenario;

import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks every scenario's expectation with the independent reference: the baseline and each listed
 * fix trained with plain single-process DL4J ({@link ReferenceRun}) on the reference's own reading
 * of the data ({@link ReferenceTable}, {@link ReferenceData}) and its own network ({@link
 * ReferenceNetwork}). Only the spec's parsing and the expansion of the listed fixes into settings
 * are Unstuck's. A scenario is CONFIRMED when the baseline shows its fault in at least half its
 * seeds, every family it names as resolving has a variant that resolves it in at least half the
 * seeds, and no family it names as not resolving does.
 *
 * <p>Usage: {@code ScenarioReference FOLDER [NAME...]}; without names every scenario is checked and
 * the table is written to {@code FOLDER/REFERENCE.md}.
 */
public final class ScenarioReference {
  private ScenarioReference() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : "deploy/scenarios");
    List<Scenario> scenarios = new ArrayList<>();
    if (args.length > 1) {
      for (int i = 1; i < args.length; i++) {
        scenarios.add(Scenario.named(folder, args[i]));
      }
    } else {
      scenarios.addAll(Scenario.all(folder));
    }
    StringBuilder report = new StringBuilder();
    report
        .append(
            "# Scenario reference\n\nWritten by `deploy/bench/scenario-reference.sh` (`ScenarioReference`): ")
        .append(
            "each scenario's baseline and listed fixes trained with plain single-process DL4J, outside Spark ")
        .append(
            "and Unstuck's training code (see README.md in this folder for the rules). Per seed: validation ")
        .append(
            "balanced accuracy / final training cross-entropy. `learns` and `fault` count the seeds.\n\n");
    int confirmed = 0;
    for (Scenario scenario : scenarios) {
      long start = System.nanoTime();
      String section = check(scenario);
      confirmed += section.contains("**CONFIRMED**") ? 1 : 0;
      report
          .append(section)
          .append(String.format(Locale.ROOT, "(%.0f s)%n%n", (System.nanoTime() - start) / 1e9));
      System.out.println(section);
      System.out.flush();
    }
    String total = confirmed + " of " + scenarios.size() + " scenarios confirmed by the reference";
    report.append(total).append('\n');
    System.out.println(total);
    if (args.length <= 1) {
      Files.writeString(folder.resolve("REFERENCE.md"), report.toString(), StandardCharsets.UTF_8);
    }
  }

  static String check(Scenario scenario) throws Exception {
    SweepSpec spec = SpecParser.parse(scenario.spec());
    ReferenceTable table = ReferenceTable.read(spec.data());
    int classes = table.numClasses();
    ReferenceData.Split split =
        ReferenceData.split(table, spec.data().validation(), spec.data().splitSeed());
    StringBuilder out = new StringBuilder();
    List<String> problems = new ArrayList<>();
    out.append("## ")
        .append(scenario.name())
        .append("\n\nexpected: ")
        .append(scenario.expected())
        .append("; resolved by ")
        .append(scenario.resolvedBy().isEmpty() ? "nothing" : scenario.resolvedBy())
        .append("; not by ")
        .append(scenario.notResolvedBy())
        .append(
            String.format(
                Locale.ROOT,
                "; %d rows, %d classes, split %d / %d%n%n",
                table.rows(),
                classes,
                split.train().length,
                split.validation().length));
    out.append(
            "| variant | family | seeds: val bal. acc. / train loss | learns | fault | dead ReLU | saturated | "
                + "grad first/last | train-val bal. acc. | max abs input mean |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    List<FixFamily> resolvingFamilies = new ArrayList<>();
    for (Variant variant : SweepExpander.expand(spec).variants()) {
      TrainingSpec training = variant.config().training();
      ReferenceData.Prepared data =
          ReferenceData.prepare(
              table,
              split,
              training.normalizeInputs(),
              training.resample(),
              spec.data().splitSeed());
      int seeds = training.seeds();
      int learns = 0;
      int faulty = 0;
      int resolved = 0;
      List<String> perSeed = new ArrayList<>();
      double dead = 0;
      double saturated = 0;
      double ratio = 0;
      double gap = 0;
      for (int seed = 1; seed <= seeds; seed++) {
        ReferenceRun.Result run =
            ReferenceRun.train(
                ReferenceNetwork.of(
                    variant.config(),
                    table.featureNames().size(),
                    classes,
                    seed,
                    data.classWeights()),
                training,
                data.train(),
                data.validation(),
                seed);
        learns += FaultCheck.learns(run, classes) ? 1 : 0;
        faulty += FaultCheck.faulty(scenario, run, classes) ? 1 : 0;
        resolved += FaultCheck.resolved(scenario, run, classes) ? 1 : 0;
        perSeed.add(
            num(run.last().validationBalancedAccuracy()) + " / " + num(run.last().trainLoss()));
        dead += run.deadFraction() / seeds;
        saturated += run.saturatedFraction() / seeds;
        ratio += run.gradientRatio() / seeds;
        gap +=
            (run.last().trainBalancedAccuracy() - run.last().validationBalancedAccuracy()) / seeds;
      }
      boolean majorityFaulty = 2 * faulty >= seeds;
      boolean majorityResolved = 2 * resolved >= seeds;
      FixFamily family = variant.family();
      if (variant.isBaseline()) {
        if (scenario.healthy() ? majorityFaulty : !majorityFaulty) {
          problems.add(
              scenario.healthy()
                  ? "the healthy baseline shows a fault or does not learn"
                  : "the baseline does not show " + scenario.expected());
        }
      } else if (majorityResolved) {
        resolvingFamilies.add(family);
        if (!scenario.healthy()
            && (scenario.notResolvedBy().contains(family) || scenario.resolvedBy().isEmpty())) {
          problems.add(variant.id() + " (" + family + ") resolves it");
        }
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d/%d | %d/%d | %.2f | %.2f | %.2g | %+.3f | %.3g |%n",
              variant.id(),
              family,
              String.join(", ", perSeed),
              learns,
              seeds,
              faulty,
              seeds,
              dead,
              saturated,
              ratio,
              gap,
              data.maxAbsFeatureMean()));
    }
    for (FixFamily family : scenario.resolvedBy()) {
      if (!resolvingFamilies.contains(family)) {
        problems.add("no " + family + " fix resolves it");
      }
    }
    out.append('\n')
        .append(
            problems.isEmpty() ? "**CONFIRMED**" : "NOT CONFIRMED: " + String.join("; ", problems))
        .append(' ');
    return out.toString();
  }

  private static String num(double value) {
    return Double.isFinite(value)
        ? String.format(Locale.ROOT, "%.3f", value)
        : String.valueOf(value);
  }
}
