package dev.unstuck.cli;

import dev.unstuck.fix.Variant;
import dev.unstuck.sweep.SweepJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The runs and fixes a sweep trains, as the launcher waits for them: from SweepJob's {@code
 * --plan-out} file.
 */
record PlannedRuns(String summary, List<String> runIds, List<String> fixIds) {

  /** Empty when the sweep wrote no plan (it stopped before planning). */
  static Optional<PlannedRuns> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String summary = "";
      List<String> runs = new ArrayList<>();
      LinkedHashSet<String> fixes = new LinkedHashSet<>();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(SweepJob.PLAN_EXECUTION)) {
          continue; // the launcher gave the sweep its execution id: it knows it
        }
        if (line.startsWith("# ")) {
          summary = line.substring(2);
        } else if (!line.isBlank()) {
          String[] variantAndRun = line.split("\t", 2);
          runs.add(variantAndRun[1]);
          // the baseline and a label-permutation probe are diagnosed, but get no verdict
          if (!variantAndRun[0].equals(Variant.BASELINE_ID)
              && !Variant.isProbeId(variantAndRun[0])) {
            fixes.add(variantAndRun[0]);
          }
        }
      }
      return Optional.of(new PlannedRuns(summary, runs, List.copyOf(fixes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sweep's plan " + file, e);
    }
  }
}
