package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.ProductOutcome;
import dev.unstuck.testing.Scenario;
import dev.unstuck.testing.ScenarioGrade;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast part of the scenario suite ({@code deploy/scenarios/}, all of it in {@code
 * deploy/bench/scenarios.sh}): three faults and a healthy control trained through the real sweep
 * with their listed fixes, diagnosed and judged by the product's rules, and checked against the
 * scenario's own expect file (which the independent reference confirmed, {@code
 * deploy/scenarios/REFERENCE.md}).
 */
class ScenarioSubsetIT {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lr-too-high-diabetes",
        "imbalance-unbalanced",
        "underfit-tiny-digits",
        "healthy-wine"
      })
  void theSweepAnswersWhatTheScenarioExpects(String name) throws Exception {
    SparkSession spark = LocalSpark.session();
    Scenario scenario = Scenario.named(Scenario.FOLDER, name);
    SweepSpec spec = SpecParser.parse(scenario.spec());
    CollectingSink sink = new CollectingSink();

    SweepResult result = SweepJob.run(spark, spec, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    Verdicts verdicts = new Verdicts(sink.records);
    Map<Symptom, Set<ProductOutcome.Resolver>> resolving = new EnumMap<>(Symptom.class);
    for (Variant variant : SweepExpander.expand(spec).variants()) {
      if (!variant.isBaseline()) {
        verdicts
            .resolvedBy(variant.id())
            .forEach(
                symptom ->
                    resolving
                        .computeIfAbsent(symptom, s -> new LinkedHashSet<>())
                        .add(new ProductOutcome.Resolver(variant.id(), variant.family())));
      }
    }
    ScenarioGrade grade =
        ScenarioGrade.of(
            scenario,
            new ProductOutcome(
                verdicts.baselineSymptoms(), verdicts.baselineLearning(), resolving));

    assertThat(grade.diagnosisCorrect())
        .as("%s: expected %s, diagnosed %s", name, scenario.expected(), grade.diagnosed())
        .isTrue();
    assertThat(grade.resolvingFound())
        .as(
            "%s: resolving families %s, expected one of %s",
            name, grade.found(), scenario.resolvedBy())
        .isTrue();
    assertThat(grade.wrongResolution())
        .as("%s: %s resolve it, none of %s may", name, grade.found(), scenario.notResolvedBy())
        .isFalse();
    assertThat(grade.falseAlarm()).as(name + ": a false alarm").isFalse();
  }
}
