package dev.unstuck.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of a spec so the user sees them all at once. */
public final class Problems {
  private final List<SpecProblem> found = new ArrayList<>();

  public void add(String path, Node where, String message) {
    found.add(new SpecProblem(path, message, where == null ? SpecProblem.NO_LINE : lineOf(where)));
  }

  public int size() {
    return found.size();
  }

  /**
   * Whether a problem was already found at this path, so a later check does not report its
   * consequence.
   */
  public boolean has(String path) {
    return found.stream().anyMatch(problem -> problem.path().equals(path));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** In file order, so the list reads top to bottom like the spec. */
  public List<SpecProblem> all() {
    return found.stream().sorted(Comparator.comparingInt(SpecProblem::line)).toList();
  }

  static int lineOf(Node node) {
    return node.getStartMark() == null ? SpecProblem.NO_LINE : node.getStartMark().getLine() + 1;
  }
}
