package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.AutoFixes;
import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.Scenario;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fixes: auto}: the baseline trains first, and its diagnosed symptoms choose the fixes that
 * run.
 */
class AutoFixesIT {

  static Path spec(Path dir, String name, String optimizer, double learningRate) {
    return SweepSpecFiles.digits(dir, name, optimizer, learningRate, 3, 1, "auto");
  }

  @Test
  void aDivergingBaselineGetsTheFixesForItsSymptoms(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep =
        SpecParser.parse(
            spec(dir, "auto-diverging", "sgd", 10)); // NaN within an epoch (rate 2 learns)
    CollectingSink sink = new CollectingSink();
    AtomicReference<SweepPlan> planned = new AtomicReference<>();

    SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS, planned::set);

    List<String> trained =
        sink.records.stream().map(EpochTelemetry::getVariantId).distinct().sorted().toList();
    // the fixes for DIVERGING, but for those the baseline already has (it standardises its inputs
    // already)
    List<String> expected =
        AutoFixes.forSymptoms(List.of(Symptom.DIVERGING)).stream()
            .filter(fix -> !fix.apply(sweep.baseline()).equals(sweep.baseline()))
            .map(Fix::id)
            .toList();
    assertThat(expected).contains("lr-x0.1", "clip-norm-1.0").doesNotContain("normalize-standard");
    assertThat(trained).contains("baseline").containsAll(expected);
    assertThat(trained)
        .as("no fix for a symptom the baseline does not have")
        .doesNotContain("resample-oversample", "resample-classweights", "dropout-0.5");
    assertThat(planned.get().variants())
        .extracting(v -> v.id())
        .containsExactlyInAnyOrderElementsOf(trained);
    // the baseline's epochs all come before any fix's: it was trained first
    int lastBaseline = 0;
    int firstFix = Integer.MAX_VALUE;
    for (int i = 0; i < sink.records.size(); i++) {
      if (sink.records.get(i).getVariantId().equals("baseline")) {
        lastBaseline = i;
      } else {
        firstFix = Math.min(firstFix, i);
      }
    }
    assertThat(lastBaseline).isLessThan(firstFix);
  }

  /**
   * Learning-rate fixes and gradient clipping each resolve a diverging baseline: the second round
   * trains the best of each family together, as one more fix with both settings.
   */
  @Test
  void aSecondRoundTrainsTheBestFixesOfTwoFamiliesTogether(@TempDir Path dir) throws Exception {
    SweepSpec sweep =
        SpecParser.parse(SweepSpecFiles.digits(dir, "auto-second-round", "sgd", 10, 4, 2, "auto"));
    CollectingSink sink = new CollectingSink();
    AtomicReference<SweepPlan> planned = new AtomicReference<>();

    SweepJob.run(LocalSpark.session(), sweep, sink, null, TrainingSettings.DEFAULTS, planned::set);

    Verdicts verdicts = new Verdicts(sink.records);
    System.out.printf(
        "second round: clip %s, lr-x0.1 %s, lr-x0.01 %s%n",
        verdicts.judge("clip-norm-1.0"), verdicts.judge("lr-x0.1"), verdicts.judge("lr-x0.01"));
    assertThat(verdicts.resolvedBy("clip-norm-1.0")).contains(Symptom.DIVERGING);
    String bestRate =
        verdicts.judge("lr-x0.1").delta() >= verdicts.judge("lr-x0.01").delta()
            ? "lr-x0.1"
            : "lr-x0.01";
    assertThat(verdicts.resolvedBy(bestRate)).contains(Symptom.DIVERGING);
    Variant combined =
        planned.get().variants().stream()
            .filter(v -> v.family() == FixFamily.COMBINED)
            .findFirst()
            .orElseThrow();
    assertThat(combined.fixes())
        .extracting(Fix::id)
        .containsExactlyInAnyOrder(bestRate, "clip-norm-1.0");
    assertThat(combined.config().training().gradientClip()).isEqualTo(1.0);
    assertThat(combined.config().training().learningRate())
        .isEqualTo(bestRate.equals("lr-x0.1") ? 10 * 0.1 : 10 * 0.01, within(1e-12));
    List<EpochTelemetry> combinedRuns =
        sink.records.stream()
            .filter(
                r -> r.getVariantId().equals(combined.id()) && r.getStatus() != RunStatus.RUNNING)
            .toList();
    assertThat(combinedRuns)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.getFixFamily()).isEqualTo("COMBINED");
              assertThat(r.getFixParams()).containsKeys("learningRate", "gradientClip");
            });
  }

  /**
   * Plain SGD at 1e-5 on ionosphere: a tenfold rate helps without resolving anything, so auto walks
   * on a decade at a time. The independent reference (deploy/scenarios/REFERENCE.md, auto-mode
   * section) learns at x1000 and x10000, and not at x10 or x100: the walk must reach a rate that
   * learns.
   */
  @Test
  void aLearningRateThatHelpsWithoutResolvingIsWalkedOnADecadeAtATime() throws Exception {
    Path scenario = Scenario.named(Scenario.FOLDER, "lr-too-low-ionosphere").spec();
    String yaml = Files.readString(scenario).replaceAll("(?s)\nfixes:.*", "\nfixes: auto\n");
    SweepSpec sweep =
        SpecParser.parse(yaml, scenario.toString(), Optional.of(scenario.getParent()));
    CollectingSink sink = new CollectingSink();
    AtomicReference<SweepPlan> planned = new AtomicReference<>();

    SweepJob.run(LocalSpark.session(), sweep, sink, null, TrainingSettings.DEFAULTS, planned::set);

    Verdicts verdicts = new Verdicts(sink.records);
    List<String> steps =
        planned.get().variants().stream()
            .map(Variant::id)
            .filter(id -> id.matches("lr-x\\d+"))
            .toList();
    steps.forEach(id -> System.out.printf("walk: %s %s%n", id, verdicts.judge(id)));
    assertThat(steps).as("one decade at a time, upwards").startsWith("lr-x10", "lr-x100");
    String last = steps.get(steps.size() - 1);
    assertThat(verdicts.resolvedBy(last))
        .as("the walk ends on a rate that learns")
        .containsAnyOf(Symptom.NOT_LEARNING, Symptom.SLOW_CONVERGENCE);
    steps
        .subList(0, steps.size() - 1)
        .forEach(id -> assertThat(verdicts.resolvedBy(id)).as(id).isEmpty());
  }

  @Test
  void aHealthyBaselineGetsNoFixAndThePlanFileSaysSo(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep = SpecParser.parse(spec(dir, "auto-healthy", "adam", 0.01));
    CollectingSink sink = new CollectingSink();
    Path planFile = dir.resolve("plan.tsv");

    SweepJob.run(
        spark,
        sweep,
        sink,
        null,
        TrainingSettings.DEFAULTS,
        plan -> SweepJob.writePlan(plan, planFile));

    assertThat(sink.records).extracting(EpochTelemetry::getVariantId).containsOnly("baseline");
    String execution = sink.records.get(0).getExecutionId();
    assertThat(sink.records)
        .extracting(EpochTelemetry::getExecutionId)
        .as("one execution")
        .containsOnly(execution);
    assertThat(execution).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    assertThat(Files.readAllLines(planFile))
        .containsExactly(
            "# auto-healthy: baseline + 0 fixes = 1 variant x 1 seed = 1 run",
            "# execution " + execution,
            "baseline\tauto-healthy/baseline/seed-1");
  }
}
