package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.fix.AutoFixes;
import dev.unstuck.fix.Fix;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fixes: auto}: the baseline trains first, and its diagnosed symptoms choose the fixes that run. */
class AutoFixesIT {

  static Path spec(Path dir, String name, String optimizer, double learningRate) {
    return SweepSpecFiles.digits(dir, name, optimizer, learningRate, 3, 1, "auto");
  }

  @Test
  void aDivergingBaselineGetsTheFixesForItsSymptoms(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep = SpecParser.parse(spec(dir, "auto-diverging", "sgd", 10)); // NaN within an epoch (rate 2 learns)
    CollectingSink sink = new CollectingSink();
    AtomicReference<SweepPlan> planned = new AtomicReference<>();

    SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS, planned::set);

    List<String> trained = sink.records.stream().map(EpochTelemetry::getVariantId).distinct().sorted().toList();
    // the fixes for DIVERGING, but for those the baseline already has (it standardises its inputs already)
    List<String> expected = AutoFixes.forSymptoms(List.of(Symptom.DIVERGING)).stream()
        .filter(fix -> !fix.apply(sweep.baseline()).equals(sweep.baseline())).map(Fix::id).toList();
    assertThat(expected).contains("lr-x0.1", "clip-norm-1.0").doesNotContain("normalize-standard");
    assertThat(trained).contains("baseline").containsAll(expected);
    assertThat(trained).as("no fix for a symptom the baseline does not have")
        .doesNotContain("resample-oversample", "resample-classweights", "dropout-0.5");
    assertThat(planned.get().variants()).extracting(v -> v.id()).containsExactlyInAnyOrderElementsOf(trained);
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

  @Test
  void aHealthyBaselineGetsNoFixAndThePlanFileSaysSo(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep = SpecParser.parse(spec(dir, "auto-healthy", "adam", 0.01));
    CollectingSink sink = new CollectingSink();
    Path planFile = dir.resolve("plan.tsv");

    SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS, plan -> SweepJob.writePlan(plan, planFile));

    assertThat(sink.records).extracting(EpochTelemetry::getVariantId).containsOnly("baseline");
    assertThat(Files.readAllLines(planFile)).containsExactly(
        "# auto-healthy: baseline + 0 fixes = 1 variants x 1 seed = 1 runs", "baseline\tauto-healthy/baseline/seed-1");
  }
}
