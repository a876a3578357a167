package dev.unstuck.spec;

/**
 * One thing wrong with a spec, located by its path (e.g. {@code training.learningRate}) and, where
 * known, the line in the file.
 */
public record SpecProblem(String path, String message, int line) {

  public static final int NO_LINE = 0;

  @Override
  public String toString() {
    String where = path.isEmpty() ? "" : path + ": ";
    return where + message + (line > NO_LINE ? " (line " + line + ")" : "");
  }
}
