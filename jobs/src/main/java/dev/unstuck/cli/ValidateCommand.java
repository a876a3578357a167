package dev.unstuck.cli;

import dev.unstuck.fix.SweepExpander;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unstuck validate SPEC...}: every problem of every spec, or a one-line summary of each sweep. */
@Command(name = "validate", description = "Check sweep specs without running anything.")
final class ValidateCommand implements Callable<Integer> {
  /** Exit code for specs with problems, as distinct from usage errors (2 as well in picocli) and crashes (1). */
  static final int INVALID = 2;

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "sweep.yaml files")
  List<Path> specs;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean allValid = true;
    for (Path file : specs) {
      try {
        SweepSpec spec = SpecParser.parse(file);
        out.println(file + ": ok - " + SweepExpander.expand(spec).summary());
      } catch (SpecException e) {
        err.println(e.getMessage());
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? 0 : INVALID;
  }
}
