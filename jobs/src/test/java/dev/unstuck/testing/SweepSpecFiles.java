package dev.unstuck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real sweeps on the example data, written as spec files the production entry points read. */
public final class SweepSpecFiles {
  /** The example data shipped with the project (surefire runs in the jobs/ folder). */
  public static final Path DATA = Path.of("..", "deploy", "examples", "data").toAbsolutePath().normalize();

  private SweepSpecFiles() {}

  /**
   * Digits, one hidden layer, SGD at a learning rate far too high (diverges), with a learning-rate fix (x0.01) that
   * learns: 2 variants x {@code seeds} seeds x {@code epochs} epochs.
   */
  public static Path divergingDigits(Path folder, int epochs, int seeds) {
    return write(folder, "diverging-digits.yaml", """
        name: diverging-digits
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [32]
          activation: leakyrelu
        training:
          optimizer: sgd
          learningRate: 2
          batchSize: 32
          normalizeInputs: standard
          epochs: %d
          seeds: %d
          workers: 2
        fixes:
          - learningRate: [x0.01]
        """.formatted(DATA.resolve("digits.csv.gz"), epochs, seeds));
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
