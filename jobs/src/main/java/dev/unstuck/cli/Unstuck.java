package dev.unstuck.cli;

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
    return new CommandLine(new Unstuck()).setParameterExceptionHandler(Unstuck::oneLine);
  }

  /**
   * A mistake on the command line is one line naming the option, with where to read more, instead of picocli's
   * message followed by the whole usage text (which buries the message).
   */
  static int oneLine(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    command.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
