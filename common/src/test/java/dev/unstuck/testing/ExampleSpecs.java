package dev.unstuck.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The example sweeps of deploy/examples, as the tests of both modules read them. */
public final class ExampleSpecs {
  private static final Pattern SYSTEM_DATA = Pattern.compile("path: (/usr/share/datasets/\\S+)");

  private ExampleSpecs() {}

  /**
   * An example on a Debian dataset package (Fashion-MNIST) is left out where that package is not
   * installed.
   */
  public static boolean dataInstalled(Path spec) throws IOException {
    Matcher path = SYSTEM_DATA.matcher(Files.readString(spec));
    return !path.find() || Files.exists(Path.of(path.group(1)));
  }
}
