package dev.unstuck.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found (not just the first). */
public final class SpecException extends Exception {
  private final String source;
  private final List<SpecProblem> problems;

  public SpecException(String source, List<SpecProblem> problems) {
    super(format(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  public String source() {
    return source;
  }

  public List<SpecProblem> problems() {
    return problems;
  }

  private static String format(String source, List<SpecProblem> problems) {
    String header =
        source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
    return problems.stream()
        .map(p -> "  " + p)
        .collect(Collectors.joining("\n", header + "\n", ""));
  }
}
