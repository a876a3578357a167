package dev.unstuck.report;

import dev.unstuck.db.FixOutcome;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code fixed.yaml} in the results folder: the sweep's spec with its best resolving fix ({@link
 * SweepTables#bestResolution}) made part of the baseline, ready to run, headed by what the fix
 * resolved and by how much.
 */
public final class FixedSpecFile {
  public static final String FILE = "fixed.yaml";

  private FixedSpecFile() {}

  /** Writes it into {@code dir} and returns its path; nothing when no fix resolved anything. */
  public static Optional<Path> write(SweepSpec spec, SweepTables results, Path dir) {
    Optional<FixOutcome> best = results.bestResolution();
    if (best.isEmpty() || best.get().fixParams().isEmpty()) {
      return Optional.empty();
    }
    FixOutcome outcome = best.get();
    // a kept combination has fixes of different families, which change different settings: their
    // order is free
    List<Fix> fixes =
        new TreeMap<>(outcome.fixParams())
            .entrySet().stream()
                .map(param -> FixCatalogue.fix(param.getKey(), param.getValue()))
                .toList();
    Path file = dir.resolve(FILE);
    List<String> comments =
        List.of(
            spec.name()
                + " with "
                + fixes.stream().map(Fix::toString).collect(Collectors.joining(" and "))
                + " applied to its baseline, which resolved "
                + String.join(", ", results.resolvedBy(outcome.variantId()))
                + ": validation balanced accuracy "
                + Format.number(outcome.baselineMetric())
                + " -> "
                + Format.number(outcome.variantMetric())
                + " ("
                + Format.delta(outcome.metricDelta(), outcome.metricDeltaSpread())
                + ", "
                + outcome.seeds()
                + " seed"
                + (outcome.seeds() == 1 ? "" : "s")
                + ").",
            "Run it with: bin/unstuck run "
                + file
                + "  (fixes: auto checks the fixed model, and tries what fits a "
                + "symptom that remains)");
    try {
      Files.writeString(
          file, SpecWriter.yaml(FixedSpec.of(spec, fixes), comments), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return Optional.of(file);
  }
}
