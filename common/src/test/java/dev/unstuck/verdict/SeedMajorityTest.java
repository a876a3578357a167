package dev.unstuck.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedMajorityTest {

  @Test
  void aFindingCountsWhenAtLeastHalfTheSeedsHaveIt() {
    assertThat(SeedMajority.holds(1, 3)).as("one unlucky seed of three does not decide").isFalse();
    assertThat(SeedMajority.holds(2, 3)).isTrue();
    assertThat(SeedMajority.holds(1, 2)).as("half counts: with two seeds, either one").isTrue();
    assertThat(SeedMajority.holds(2, 4)).isTrue();
    assertThat(SeedMajority.holds(1, 4)).isFalse();
    assertThat(SeedMajority.holds(0, 0)).as("no seed, no finding").isFalse();
  }

  @Test
  void ofKeepsTheFindingsOfAtLeastHalfTheSeedsInFirstSeenOrder() {
    List<Set<String>> perSeed =
        List.of(
            Set.of("NOT_LEARNING"),
            Set.of("NOT_LEARNING", "DEAD_UNITS"),
            Set.of("SLOW_CONVERGENCE"));

    assertThat(SeedMajority.of(perSeed)).containsExactly("NOT_LEARNING");
    assertThat(SeedMajority.of(List.<Set<String>>of())).isEmpty();
  }
}
