package dev.unstuck.bench;

import dev.unstuck.local.LocalKafka;
import java.nio.file.Files;

/**
 * A real local KRaft broker for shell scripts (deploy/bench): prints its bootstrap servers, serves
 * until killed.
 */
public final class KafkaForScripts {
  public static void main(String[] args) throws Exception {
    LocalKafka kafka = LocalKafka.start(Files.createTempDirectory("unstuck-script-kafka"));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    System.out.println(kafka.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
