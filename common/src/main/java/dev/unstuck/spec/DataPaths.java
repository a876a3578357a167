package dev.unstuck.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a {@code data.path} can be used at all, before anything looks for the file: a {@code
 * file:} URI must be a valid, absolute URI without a host, and no path may hold a control
 * character. Java's URI and Path classes throw on such values; a spec must get a problem with its
 * line instead.
 */
final class DataPaths {
  private DataPaths() {}

  /** Why {@code path} is unusable, or empty when it can be resolved and looked up. */
  static Optional<String> problem(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of(
            String.format("contains a control character (U+%04X at position %d)", (int) c, i));
      }
    }
    if (path.startsWith("file:")) {
      return fileUriProblem(path);
    }
    if (!SpecParser.isLocal(path)) {
      return Optional.empty(); // hdfs:, s3a:, ...: Spark's to resolve, on the cluster
    }
    try {
      Path.of(path);
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.of("is not a valid path: " + e.getReason());
    }
  }

  private static Optional<String> fileUriProblem(String path) {
    URI uri;
    try {
      uri = new URI(path);
    } catch (URISyntaxException e) {
      return Optional.of(
          "is not a valid file: URI ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "; in a URI a space is %20 and % starts an escape such as %25) - or write it as a plain path");
    }
    if (uri.isOpaque()) {
      return Optional.of(
          "is a relative file: URI, which has no meaning - write file:///absolute/path or a plain "
              + "path such as "
              + uri.getSchemeSpecificPart());
    }
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
      return Optional.of(
          "names a host ('"
              + uri.getAuthority()
              + "'): a file: URI reads this machine's files - "
              + "write file:///path, or hdfs:// / s3a:// for remote storage");
    }
    try {
      Path.of(uri);
      return Optional.empty();
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return Optional.of("is not a usable file: URI (" + e.getMessage() + ")");
    }
  }

  /** The path as it can be printed: control characters as \\uXXXX. */
  static String printable(String path) {
    StringBuilder out = new StringBuilder();
    path.chars()
        .forEach(
            c ->
                out.append(
                    Character.isISOControl(c)
                        ? String.format("\\u%04X", c)
                        : String.valueOf((char) c)));
    return out.toString();
  }
}
