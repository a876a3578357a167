package dev.unstuck.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM that starts the local services like {@code unstuck run} does and waits to be stopped or
 * killed.
 */
public final class LocalStackHolder {
  private LocalStackHolder() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    LocalStack stack = new LocalStack(System.err);
    LocalKafka kafka = stack.add("Kafka", LocalKafka.start(dir.resolve("kafka")));
    LocalPostgres postgres = stack.add("PostgreSQL", LocalPostgres.start(dir.resolve("pg")));
    System.out.println("READY " + kafka.port() + " " + postgres.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
