package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void theClosestCandidateWithinTheTolerance() {
    assertThat(Suggestions.closest("relux", List.of("relu", "elu", "sigmoid"))).contains("relu");
    assertThat(Suggestions.closest("LEARNINGRATE", List.of("learningRate", "lrSchedule"))).contains("learningRate");
    assertThat(Suggestions.closest("banana", List.of("relu", "elu"))).isEmpty();
  }

  @Test
  void didYouMeanOrTheList() {
    assertThat(Suggestions.didYouMean("dropot", List.of("dropout", "l2"))).isEqualTo(" (did you mean dropout?)");
    assertThat(Suggestions.didYouMean("cvs", List.of("csv", "json"))).isEqualTo(" (did you mean csv?)");
    assertThat(Suggestions.didYouMean("zzzzzzz", List.of("csv", "json"))).isEqualTo(" (expected one of csv, json)");
  }

  @Test
  void levenshtein() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }
}
