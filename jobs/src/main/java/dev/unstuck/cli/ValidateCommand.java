package dev.unstuck.cli;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.text.Throwables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code unstuck validate SPEC...}: every problem of every spec, or a one-line summary of each
 * sweep.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check sweep specs without running anything.")
final class ValidateCommand implements Callable<Integer> {
  /**
   * Exit code for specs with problems, as distinct from usage errors (2 as well in picocli) and
   * crashes (1).
   */
  static final int INVALID = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ValidateCommand.class);

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
        out.println(file + ": ok - " + summary(spec));
      } catch (SpecException e) {
        err.println(e.getMessage());
        allValid = false;
      } catch (
          RuntimeException
              e) { // a check that broke must not keep the other files from being checked
        LOG.warn("{} could not be checked", file, e);
        err.println(file + ": could not be checked: " + Throwables.rootMessage(e));
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? 0 : INVALID;
  }

  /**
   * The expanded sweep; with fixes: auto the fixes are only known once the baseline has trained.
   */
  static String summary(SweepSpec spec) {
    if (!spec.fixes().auto()) {
      return SweepExpander.expand(spec).summary();
    }
    int seeds = spec.training().seeds();
    int candidates = SweepExpander.expand(spec, EnumSet.allOf(Symptom.class)).variants().size() - 1;
    return String.format(
        "%s: baseline x %d seed%s first, then fixes: auto - chosen from its symptoms (up to %d)",
        spec.name(), seeds, seeds == 1 ? "" : "s", candidates);
  }
}
