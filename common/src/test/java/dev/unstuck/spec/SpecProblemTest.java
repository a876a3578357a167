package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecProblemTest {

  @Test
  void pathMessageAndLine() {
    assertThat(new SpecProblem("training.learningRate", "must be > 0, got -1", 12))
        .hasToString("training.learningRate: must be > 0, got -1 (line 12)");
  }

  @Test
  void withoutAPathOrALine() {
    assertThat(new SpecProblem("", "the spec is empty", SpecProblem.NO_LINE))
        .hasToString("the spec is empty");
    assertThat(new SpecProblem("data.path", "missing", SpecProblem.NO_LINE))
        .hasToString("data.path: missing");
  }

  @Test
  void theExceptionCountsItsProblems() {
    SpecException one = new SpecException("a.yaml", List.of(new SpecProblem("name", "missing", 1)));

    assertThat(one.getMessage()).isEqualTo("a.yaml: 1 problem\n  name: missing (line 1)");
    assertThat(one.problems()).hasSize(1);
  }
}
