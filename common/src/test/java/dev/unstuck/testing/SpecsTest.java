package dev.unstuck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.spec.SpecException;
import org.junit.jupiter.api.Test;

/** The fixture itself. */
class SpecsTest {

  @Test
  void theIssueExampleBuilderRendersTheIssueText() {
    assertThat(Specs.issueExample().yaml()).isEqualTo(Specs.ISSUE_EXAMPLE);
  }

  @Test
  void theValidSpecParses() throws SpecException {
    assertThat(Specs.valid().parse().name()).isEqualTo("tiny-sweep");
    assertThat(Specs.issueExample().parse().name()).isEqualTo("churn-baseline");
  }

  @Test
  void setReplacesInPlaceAndAddsAtTheEnd() {
    Specs spec =
        Specs.valid().set("training.learningRate", "0.3").set("training.lrSchedule", "step");

    assertThat(spec.yaml()).contains("  learningRate: 0.3\n  batchSize: 32\n");
    assertThat(spec.yaml()).contains("  workers: 1\n  lrSchedule: step\n");
    assertThat(spec.get("training.learningRate")).contains("0.3");
  }

  @Test
  void removeDropsKeysAndSections() {
    Specs spec = Specs.valid().remove("data.label").remove("model");

    assertThat(spec.yaml()).doesNotContain("label:").doesNotContain("model:");
    assertThat(spec.get("data.label")).isEmpty();
  }

  @Test
  void lineOfFindsKeysAndFixItems() {
    Specs spec = Specs.valid();

    assertThat(spec.lineOf("name")).isEqualTo(1);
    assertThat(spec.lineOf("data.path")).isEqualTo(3);
    assertThat(spec.lineOf("training.learningRate")).isEqualTo(12);
    assertThat(spec.lineOf("fixes[1]")).isEqualTo(19);
    assertThat(spec.lineOf("training.nothing")).isZero();
  }
}
