package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.unstuck.testing.Specs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * training.parallelism: parsed with its threshold, and auto decides by the training split's bytes.
 */
class ParallelismTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void autoIsTheDefaultWith64MiB() throws SpecException {
    SweepSpec spec = SpecParser.parse(Specs.valid().yaml(), "s.yaml", Optional.empty());

    assertThat(spec.parallelism()).isEqualTo(new Parallelism(Parallelism.Mode.AUTO, 64));
  }

  @Test
  void modeAndThresholdAreRead() throws SpecException {
    SweepSpec spec =
        SpecParser.parse(
            Specs.valid()
                .set("training.parallelism", "data")
                .set("training.dataParallelAboveMiB", "8")
                .yaml(),
            "s.yaml",
            Optional.empty());

    assertThat(spec.parallelism()).isEqualTo(new Parallelism(Parallelism.Mode.DATA, 8));
  }

  @Test
  void anUnknownModeAndANonPositiveThresholdAreNamed() {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                SpecParser.parse(
                    Specs.valid()
                        .set("training.parallelism", "model")
                        .set("training.dataParallelAboveMiB", "0")
                        .yaml(),
                    "s.yaml",
                    Optional.empty()));

    assertThat(e.problems())
        .extracting(SpecProblem::path)
        .containsExactlyInAnyOrder("training.parallelism", "training.dataParallelAboveMiB");
    assertThat(e.getMessage()).contains("auto").contains("must be > 0");
  }

  @Test
  void autoTrainsAVariantWholeUpToTheThresholdAndDataParallelAboveIt() {
    Parallelism auto = new Parallelism(Parallelism.Mode.AUTO, 64);

    assertThat(auto.choose(64 * MIB)).isEqualTo(Parallelism.Mode.VARIANT);
    assertThat(auto.choose(64 * MIB + 1)).isEqualTo(Parallelism.Mode.DATA);
  }

  @Test
  void anExplicitModeIsKeptWhateverTheSize() {
    assertThat(new Parallelism(Parallelism.Mode.DATA, 64).choose(1))
        .isEqualTo(Parallelism.Mode.DATA);
    assertThat(new Parallelism(Parallelism.Mode.VARIANT, 64).choose(1000 * MIB))
        .isEqualTo(Parallelism.Mode.VARIANT);
  }
}
