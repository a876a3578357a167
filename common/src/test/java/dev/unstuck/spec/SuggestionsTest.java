package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void theClosestCandidateWithinTheTolerance() {
    assertThat(Suggestions.closest("relux", List.of("relu", "elu", "sigmoid"))).contains("relu");
    assertThat(Suggestions.closest("LEARNINGRATE", List.of("learningRate", "lrSchedule")))
        .contains("learningRate");
    assertThat(Suggestions.closest("banana", List.of("relu", "elu"))).isEmpty();
  }

  @Test
  void didYouMeanOrTheList() {
    assertThat(Suggestions.didYouMean("dropot", List.of("dropout", "l2")))
        .isEqualTo(" (did you mean dropout?)");
    assertThat(Suggestions.didYouMean("cvs", List.of("csv", "json")))
        .isEqualTo(" (did you mean csv?)");
    assertThat(Suggestions.didYouMean("zzzzzzz", List.of("csv", "json")))
        .isEqualTo(" (expected one of csv, json)");
  }

  @Test
  void theToleranceGrowsWithTheWord() {
    // at least 2 edits, or a third of the typed word: "lerningrat" is 2 edits from learningrate,
    // "lr" is not close
    assertThat(Suggestions.closest("lerningrat", List.of("learningRate", "l2")))
        .contains("learningRate");
    assertThat(Suggestions.closest("optimiserr", List.of("optimizer"))).contains("optimizer");
    assertThat(Suggestions.closest("batch", List.of("learningRate"))).isEmpty();
  }
}
