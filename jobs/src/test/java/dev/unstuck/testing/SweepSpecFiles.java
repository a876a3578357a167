package dev.unstuck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real sweeps on the example data, written as spec files the production entry points read.
 */
public final class SweepSpecFiles {
  /** The example data shipped with the project (surefire runs in the jobs/ folder). */
  public static final Path DATA =
      Path.of("..", "deploy", "examples", "data").toAbsolutePath().normalize();

  private SweepSpecFiles() {}

  /**
   * Digits, one hidden layer, SGD at a learning rate far too high (diverges), with a learning-rate
   * fix (x0.01) that learns: 2 variants x {@code seeds} seeds x {@code epochs} epochs.
   */
  public static Path divergingDigits(Path folder, int epochs, int seeds) {
    return digits(
        folder, "diverging-digits", "sgd", 2, epochs, seeds, "\n  - learningRate: [x0.01]");
  }

  /**
   * A sweep on digits with one 32-unit LeakyReLU layer on standardised inputs, 2 workers.
   *
   * @param fixes what follows {@code fixes:} in the spec, e.g. {@code auto} or a YAML list on new
   *     lines
   */
  public static Path digits(
      Path folder,
      String name,
      String optimizer,
      double learningRate,
      int epochs,
      int seeds,
      String fixes) {
    return write(
        folder,
        name + ".yaml",
        """
        name: %s
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [32]
          activation: leakyrelu
        training:
          optimizer: %s
          learningRate: %s
          batchSize: 32
          normalizeInputs: standard
          epochs: %d
          seeds: %d
          workers: 2
        fixes: %s
        """
            .formatted(
                name,
                DATA.resolve("digits.csv.gz"),
                optimizer,
                learningRate,
                epochs,
                seeds,
                fixes));
  }

  public static Path write(Path folder, String name, String yaml) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve(name), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
