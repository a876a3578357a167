package dev.unstuck.local;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Logging for {@code bin/unstuck}: the terminal shows the command's own lines and errors only
 * (Spark, Kafka and DL4J log a great deal at INFO); the full log goes to a file next to the
 * results. Left alone when a log4j2 configuration was chosen ({@code -Dlog4j2.configurationFile},
 * or a log4j2 file on the classpath as in tests).
 */
public final class LauncherLogging {
  private static final String PATTERN = "%d{HH:mm:ss} %-5p %c{1}: %m%n";
  private static final String NAME = "unstuck-launcher";

  private LauncherLogging() {}

  /**
   * Stops logging to the terminal (the file keeps everything): on Ctrl-C the interrupted jobs
   * report their interruption at length, and none of it is news to the person who pressed it.
   */
  public static void muteConsole() {
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      muteConsole(context);
    }
  }

  /**
   * As {@link #muteConsole()}, on {@code context}; a configuration that is not the launcher's is
   * left alone.
   */
  static void muteConsole(LoggerContext context) {
    if (!NAME.equals(context.getConfiguration().getName())) {
      return;
    }
    var config = context.getConfiguration();
    config.getRootLogger().removeAppender("console");
    config.getLoggers().values().forEach(logger -> logger.removeAppender("console"));
    context.updateLoggers();
  }

  /**
   * True when log4j found no configuration of its own (no log4j2*.properties/xml on the classpath).
   */
  static boolean usingDefaults() {
    org.apache.logging.log4j.spi.LoggerContext context = LogManager.getContext(false);
    return context instanceof LoggerContext core
        && core.getConfiguration() instanceof DefaultConfiguration;
  }

  /**
   * Console: Unstuck's warnings and errors only (without a log file, other libraries' errors too);
   * {@code logFile} (may be null): everything at INFO.
   */
  public static void configure(Path logFile) {
    if (System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null
        || !usingDefaults()) {
      return;
    }
    Configurator.reconfigure(configuration(logFile));
  }

  /**
   * The launcher's configuration: see {@link #configure}. The console appender writes to System.err
   * as it is now.
   */
  static BuiltConfiguration configuration(Path logFile) {
    ConfigurationBuilder<BuiltConfiguration> b =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setStatusLevel(Level.ERROR);
    b.setConfigurationName(NAME);
    LayoutComponentBuilder layout = b.newLayout("PatternLayout").addAttribute("pattern", PATTERN);
    // the terminal gets the message; the stack trace goes to the file
    b.add(
        b.newAppender("console", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
            .add(
                b.newLayout("PatternLayout")
                    .addAttribute("pattern", PATTERN)
                    .addAttribute("alwaysWriteExceptions", logFile == null)));
    // Spark's, Kafka's and DL4J's own ERROR lines stay off the terminal when there is a log file:
    // on runs that
    // succeeded or were stopped cleanly they are noise ("Exception in statusUpdate", "Store
    // broadcast ... fail"),
    // and a real failure reaches the terminal as Unstuck's one line, with the trace in the file.
    RootLoggerComponentBuilder root =
        b.newRootLogger(logFile == null ? Level.ERROR : Level.INFO)
            .add(
                b.newAppenderRef("console")
                    .addAttribute("level", logFile == null ? Level.ERROR : Level.OFF));
    if (logFile != null) {
      b.add(
          b.newAppender("file", "File")
              .addAttribute("fileName", logFile.toString())
              .addAttribute("append", false)
              .add(layout));
      root.add(b.newAppenderRef("file"));
    }
    b.add(root);
    var unstuck =
        b.newLogger("dev.unstuck", Level.INFO)
            .addAttribute("additivity", false)
            .add(b.newAppenderRef("console").addAttribute("level", Level.WARN));
    if (logFile != null) {
      unstuck.add(b.newAppenderRef("file"));
    }
    b.add(unstuck);
    // Noise that says nothing to a user of the local stack
    for (String quiet :
        new String[] {
          "org.apache.kafka",
          "kafka",
          "org.apache.spark.sql.kafka010",
          "org.apache.hadoop",
          "org.sparkproject",
          "org.apache.spark.util.ShutdownHookManager",
          "org.apache.spark.sql.execution.streaming.state",
          "org.apache.spark.scheduler",
          "org.apache.spark.executor",
          "org.apache.spark.storage",
          "org.apache.spark.sql.execution.streaming.CheckpointFileManager",
          "org.apache.spark.sql.execution.datasources",
          "org.apache.spark.sql.catalyst",
          "org.apache.spark.ContextCleaner",
          "org.apache.spark.sql.execution.WholeStageCodegenExec",
          "org.apache.spark.sql.execution.adaptive",
          "org.apache.spark.sql.execution.streaming.ResolveWriteToStream",
          "org.deeplearning4j",
          "org.nd4j"
        }) {
      b.add(b.newLogger(quiet, Level.WARN));
    }
    return b.build();
  }
}
