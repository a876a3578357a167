package dev.unstuck.cli;

import dev.unstuck.options.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/unstuck}: the one-machine entry point. Each subcommand is its own class. */
@Command(
    name = "unstuck",
    mixinStandardHelpOptions = true,
    version = "unstuck 0.1.0",
    description = "Why is my neural network not learning, and which change fixes it?",
    subcommands = {RunCommand.class, WatchCommand.class, ValidateCommand.class})
public final class Unstuck implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests to execute like main does. */
  public static CommandLine commandLine() {
    return new CommandLine(new Unstuck()).setParameterExceptionHandler(OptionChecks::oneLine);
  }
}
