package dev.unstuck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An empty validation split is named, with why, before any training (issue 9, defect 3). */
class SplitCheckTest {

  @Test
  void fiveHundredClassesOnAThousandRowsLeaveNothingToHoldOut() {
    long[] perClass = new long[500];
    Arrays.fill(perClass, 2);
    List<String> classes = IntStream.range(0, 500).mapToObj(String::valueOf).toList();

    assertThatThrownBy(() -> SplitCheck.check(perClass, classes, 0.2))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(
            "data.validation: 0.2 leaves the validation split empty: the split is stratified by "
                + "label")
        .hasMessageContaining(
            "no class has the 5 rows that takes (500 classes on 1000 rows; the largest, '0', has 2)")
        .hasMessageEndingWith(
            "raise data.validation to at least 0.5, or use a label with fewer classes");
  }

  @Test
  void aTinyFractionHoldsOutNothing() {
    assertThatThrownBy(() -> SplitCheck.check(new long[] {1000, 797}, List.of("a", "b"), 0.0000001))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("data.validation: 1E-7 leaves the validation split empty")
        .hasMessageContaining("the largest, 'a', has 1000")
        .hasMessageEndingWith(
            "raise data.validation to at least 0.001, or use a label with fewer classes");
  }

  @Test
  void theSuggestedFractionHoldsOutARow() {
    assertThatThrownBy(() -> SplitCheck.check(new long[] {3, 3}, List.of("a", "b"), 0.2))
        .hasMessageEndingWith(
            "raise data.validation to at least 0.334, or use a label with fewer classes");
    assertThat(SplitCheck.validationRows(3, 0.334)).isEqualTo(1);
  }

  @Test
  void aLabelWithOneRowPerClassIsNotAClass() {
    assertThatThrownBy(() -> SplitCheck.check(new long[] {1, 1, 1}, List.of("a", "b", "c"), 0.5))
        .hasMessageEndingWith(
            "every class has a single row: there is nothing to hold out - the label is probably not"
                + " a class");
  }

  @Test
  void oneClassGivingUpOneRowIsEnough() {
    assertThatCode(() -> SplitCheck.check(new long[] {5, 2, 2}, List.of("a", "b", "c"), 0.2))
        .doesNotThrowAnyException();
    assertThat(SplitCheck.validationRows(5, 0.2)).isEqualTo(1);
    assertThat(SplitCheck.validationRows(4, 0.2)).isZero();
  }
}
