package dev.unstuck.report;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixCatalogue;
import dev.unstuck.fix.FixedSpec;
import dev.unstuck.spec.SpecWriter;
import dev.unstuck.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fixed.yaml} in the results folder: the sweep's spec with its best resolving fix
 * ({@link SweepResults#bestResolution}) made part of the baseline, ready to run, headed by what the fix resolved and
 * by how much.
 */
public final class FixedSpecFile {
  public static final String FILE = "fixed.yaml";

  private FixedSpecFile() {}

  /** Writes it into {@code dir} and returns its path; nothing when no fix resolved anything. */
  public static Optional<Path> write(SweepSpec spec, SweepResults results, Path dir) {
    Optional<FixOutcome> best = results.bestResolution();
    if (best.isEmpty() || best.get().fixParams().size() != 1) {
      return Optional.empty();
    }
    FixOutcome outcome = best.get();
    Map.Entry<String, String> param = outcome.fixParams().entrySet().iterator().next();
    Fix fix = FixCatalogue.fix(param.getKey(), param.getValue());
    Path file = dir.resolve(FILE);
    List<String> comments = List.of(
        spec.name() + " with " + fix + " applied to its baseline, which resolved "
            + String.join(", ", results.resolvedBy(outcome.variantId())) + ": validation balanced accuracy "
            + Format.number(outcome.baselineMetric()) + " -> " + Format.number(outcome.variantMetric()) + " ("
            + Format.delta(outcome.metricDelta(), outcome.metricDeltaSpread()) + ", " + outcome.seeds() + " seed"
            + (outcome.seeds() == 1 ? "" : "s") + ").",
        "Run it with: bin/unstuck run " + file + "  (fixes: auto checks the fixed model, and tries what fits a "
            + "symptom that remains)");
    try {
      Files.writeString(file, SpecWriter.yaml(FixedSpec.of(spec, fix), comments), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return Optional.of(file);
  }
}
