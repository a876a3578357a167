package dev.unstuck.options;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values, made while picocli parses the command line: a bad value is refused
 * before anything starts (no broker, no database, no Spark), in one line naming the option and the
 * value given. The launcher's commands and the jobs spark-submit starts directly share them, so a
 * value is refused in the same words either way.
 */
public final class OptionChecks {
  private OptionChecks() {}

  /**
   * A mistake on the command line is one line naming the option, with where to read more, instead
   * of picocli's message followed by the whole usage text (which buries the message). Exit code 2,
   * picocli's for bad input.
   */
  public static int oneLine(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    command.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  public static int atLeast(
      CommandSpec command, String option, int minimum, int value, String what) {
    if (value < minimum) {
      throw new ParameterException(
          command.commandLine(),
          option + " must be >= " + minimum + " (" + what + "), got " + value);
    }
    return value;
  }

  public static Path readableFile(CommandSpec command, String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ParameterException(
          command.commandLine(), option + ": no readable file '" + file + "'");
    }
    return file;
  }

  /** A folder that exists or can be made: not a file. */
  public static Path folder(CommandSpec command, String option, Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new ParameterException(
          command.commandLine(), option + ": '" + folder + "' is a file, not a folder");
    }
    return folder;
  }

  /** A file that can be written: its folder exists, and it is not itself a folder. */
  public static Path writableFile(CommandSpec command, String option, Path file) {
    Path folder = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      throw new ParameterException(
          command.commandLine(), option + ": '" + file + "' is a folder, not a file");
    }
    if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
      throw new ParameterException(
          command.commandLine(),
          option
              + ": no folder to write '"
              + file
              + "' in ('"
              + folder
              + "' does not exist or is not writable)");
    }
    return file;
  }

  public static String jdbcPostgres(CommandSpec command, String option, String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ParameterException(
          command.commandLine(),
          option
              + ": '"
              + url
              + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }
    return url;
  }
}
