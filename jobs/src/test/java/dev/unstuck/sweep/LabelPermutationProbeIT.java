package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.ShuffledLabels;
import dev.unstuck.testing.SweepSpecFiles;
import dev.unstuck.verdict.LabelPermutation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label-permutation probe on real digits, where the truth is known by construction: once with
 * the labels shuffled by this test (nothing to learn: the probe must say so), once with the real
 * labels and a broken model whose one fix does not help (the data is learnable: the probe must not
 * blame it).
 */
class LabelPermutationProbeIT {
  private static final double CHANCE = 0.1; // ten classes

  @Test
  void labelsShuffledInTheFileAreFoundUnrelatedToTheFeatures(@TempDir Path dir) throws Exception {
    Path data =
        ShuffledLabels.write(
            SweepSpecFiles.DATA.resolve("digits.csv.gz"), dir.resolve("digits-shuffled.csv"), 11);
    Probe probe = sweep(dir, "shuffled-labels", data, 0.1);

    assertThat(probe.plan().variants())
        .extracting(Variant::id)
        .containsExactly("baseline", "l2-0.001", "reference", "permuted-labels-of-reference");
    assertThat(probe.referenceReal())
        .allSatisfy(accuracy -> assertThat(accuracy).isLessThan(CHANCE + 0.05));
    assertThat(probe.reading().signal()).isFalse();
  }

  @Test
  void aBrokenModelOnLearnableDataIsNotBlamedOnTheLabels(@TempDir Path dir) throws Exception {
    Probe probe = sweep(dir, "rate-too-low", SweepSpecFiles.DATA.resolve("digits.csv.gz"), 0.00001);

    assertThat(probe.baselineSymptoms()).contains(Symptom.NOT_LEARNING);
    assertThat(probe.referenceReal())
        .allSatisfy(accuracy -> assertThat(accuracy).isGreaterThan(0.8));
    assertThat(probe.reading().signal()).isTrue();
  }

  @Test
  void aSweepWhoseFixLearnsTrainsNoProbe(@TempDir Path dir) throws Exception {
    SweepSpec spec =
        spec(
            dir,
            "fixed-by-the-rate",
            SweepSpecFiles.DATA.resolve("digits.csv.gz"),
            0.00001,
            "- learningRate: [0.1]");
    CollectingSink sink = new CollectingSink();

    SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS);

    assertThat(sink.records).extracting(EpochTelemetry::getVariantId).doesNotContain("reference");
  }

  private record Probe(
      SweepPlan plan,
      Set<Symptom> baselineSymptoms,
      List<Double> referenceReal,
      LabelPermutation.Reading reading) {}

  /** A sweep whose one fix, an L2 penalty, cannot make a network learn. */
  private static Probe sweep(Path dir, String name, Path data, double learningRate)
      throws Exception {
    SweepSpec spec = spec(dir, name, data, learningRate, "- l2: [0.001]");
    CollectingSink sink = new CollectingSink();
    AtomicReference<SweepPlan> plan = new AtomicReference<>();

    SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS, plan::set);

    TrainedSweep trained = TrainedSweep.of(sink.records);
    RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);
    List<Double> referenceReal =
        List.copyOf(trained.finalMetricBySeed("reference", diagnoser).values());
    LabelPermutation.Reading reading =
        LabelPermutation.read(
                "reference",
                trained.finalMetricBySeed("reference", diagnoser),
                trained.finalMetricBySeed("permuted-labels-of-reference", diagnoser),
                Thresholds.DEFAULTS)
            .orElseThrow();
    System.out.printf(
        "%s: baseline %s %s; %s%n",
        name,
        new Verdicts(sink.records).baselineSymptoms(),
        new Verdicts(sink.records).finalBalancedAccuracy("baseline"),
        reading);
    return new Probe(
        plan.get(), new Verdicts(sink.records).baselineSymptoms(), referenceReal, reading);
  }

  private static SweepSpec spec(Path dir, String name, Path data, double learningRate, String fixes)
      throws Exception {
    return SpecParser.parse(
        SweepSpecFiles.write(
            dir,
            name + ".yaml",
            """
        name: %s
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [64, 64]
          activation: relu
        training:
          optimizer: sgd
          learningRate: %s
          batchSize: 64
          normalizeInputs: standard
          epochs: 8
          seeds: 2
        fixes:
          %s
        """
                .formatted(name, data, learningRate, fixes)));
  }
}
