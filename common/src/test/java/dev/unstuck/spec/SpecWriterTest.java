package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixedSpec;
import dev.unstuck.testing.ExampleSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What SpecWriter writes, SpecParser reads back as the same spec: the examples, odd settings, every
 * fix applied.
 */
class SpecWriterTest {
  private static final Path EXAMPLES =
      Path.of("..", "deploy", "examples").toAbsolutePath().normalize();

  private static SweepSpec roundTrip(SweepSpec spec) throws SpecException {
    return SpecParser.parse(
        SpecWriter.yaml(spec, List.of("a comment")), "written.yaml", Optional.empty());
  }

  private static List<SweepSpec> examples() throws IOException, SpecException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(4);
      List<SweepSpec> specs = new ArrayList<>();
      for (Path file : yaml) {
        if (ExampleSpecs.dataInstalled(file)) {
          specs.add(SpecParser.parse(file));
        }
      }
      return specs;
    }
  }

  @Test
  void everyExampleReadsBackTheSame() throws Exception {
    for (SweepSpec example : examples()) {
      assertThat(roundTrip(example)).as(example.name()).isEqualTo(example);
    }
  }

  @Test
  void everyFixOfEveryExampleAppliedReadsBackTheSame() throws Exception {
    int fixes = 0;
    for (SweepSpec example : examples()) {
      for (Fix fix : example.fixes().explicit()) {
        SweepSpec fixed = FixedSpec.of(example, fix);
        assertThat(roundTrip(fixed)).as(fix.toString()).isEqualTo(fixed);
        fixes++;
      }
    }
    assertThat(fixes).isGreaterThanOrEqualTo(8);
  }

  @Test
  void settingsAwayFromTheDefaultsReadBackTheSame() throws Exception {
    SweepSpec spec =
        SpecParser.parse(
            """
        name: odd.one_1
        data:
          path: /data/x y.csv
          header: false
          label: '0'
          features: ['3', '1']
          validation: 0.125
          seed: 12345678901
          nonFinite: fail
          delimiter: tab
        model:
          hidden: [7]
          activation: leakyrelu
          init: unitNormal
          dropout: 0.3
          l1: 1.0e-7
          l2: 0.00001
          batchNorm: true
        training:
          optimizer: rmsprop
          learningRate: 3.0e-4
          lrSchedule: exponential
          batchSize: 1
          epochs: 100000
          gradientClip: 0.5
          gradientClipValue: 2
          normalizeInputs: minmax
          resample: classWeights
          inputNoise: 0.01
          earlyStopping: 4
          seeds: 1
          workers: 3
          parallelism: data
          dataParallelAboveMiB: 0.5
        fixes:
          - learningRate: [x0.1, '0.5']
          - batchNorm: ['false']
          - l2: [0.001]
          - learningRate: [x3]
        """,
            "odd.yaml",
            Optional.empty());

    SweepSpec back = roundTrip(spec);

    assertThat(back).isEqualTo(spec);
    assertThat(back.data().delimiter()).isEqualTo("\t");
    assertThat(back.training().learningRate()).isEqualTo(3.0e-4);
  }

  @Test
  void theFixedSpecHasTheFixInItsBaselineAndAsksForAutoFixes() throws Exception {
    SweepSpec example = SpecParser.parse(EXAMPLES.resolve("diverging-lr.yaml"));
    Fix rate =
        example.fixes().explicit().stream()
            .filter(f -> f.id().equals("lr-x0.01"))
            .findFirst()
            .orElseThrow();

    SweepSpec fixed = roundTrip(FixedSpec.of(example, rate));

    assertThat(fixed.name()).isEqualTo("diverging-lr-fixed");
    assertThat(fixed.training().learningRate()).isEqualTo(example.training().learningRate() * 0.01);
    assertThat(fixed.training().withLearningRate(example.training().learningRate()))
        .isEqualTo(example.training());
    assertThat(fixed.model()).isEqualTo(example.model());
    assertThat(fixed.data()).isEqualTo(example.data());
    assertThat(fixed.fixes().auto()).isTrue();
  }

  @Test
  void onlyCsvDataIsWrittenWithAHeaderSetting() throws Exception {
    String idx =
        SpecWriter.yaml(SpecParser.parse(EXAMPLES.resolve("fashion-cnn-sigmoid.yaml")), List.of());
    String csv =
        SpecWriter.yaml(SpecParser.parse(EXAMPLES.resolve("diverging-lr.yaml")), List.of());

    assertThat(idx).contains("format: idx").doesNotContain("header:");
    assertThat(csv).contains("format: csv", "header:");
  }
}
