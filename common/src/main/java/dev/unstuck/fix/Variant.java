package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Map;
import java.util.Optional;

/** The baseline or one fix of it: what every seed of it trains with. */
public record Variant(String id, Optional<Fix> fix, RunConfig config) {

  public static final String BASELINE_ID = "baseline";

  public static Variant baseline(RunConfig config) {
    return new Variant(BASELINE_ID, Optional.empty(), config);
  }

  public static Variant of(Fix fix, RunConfig baseline) {
    return new Variant(fix.id(), Optional.of(fix), fix.apply(baseline));
  }

  public boolean isBaseline() {
    return fix.isEmpty();
  }

  public FixFamily family() {
    return fix.map(Fix::family).orElse(FixFamily.BASELINE);
  }

  public Map<String, String> params() {
    return fix.map(Fix::params).orElse(Map.of());
  }
}
