package dev.unstuck.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The driver's producer for the diagnosis and dead-letter topics: idempotent, acks=all. {@link
 * #flush()} waits for every record sent since the last flush and fails if any failed, so a
 * micro-batch only commits once its records are in Kafka (at least once; a replayed batch publishes
 * again, consumers keep the latest per key).
 */
public final class KafkaPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  public KafkaPublisher(KafkaSettings kafka) {
    Properties props = kafka.clientConfig();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "unstuck-diagnosis");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends one record; {@code headers} are name/value pairs. */
  public synchronized void send(
      String topic, byte[] key, byte[] value, List<RecordHeader> headers) {
    pending.add(
        producer.send(new ProducerRecord<>(topic, null, key, value, new ArrayList<>(headers))));
  }

  /** Waits for everything sent so far; throws if any record could not be written. */
  public synchronized void flush() throws InterruptedException {
    producer.flush();
    try {
      for (Future<RecordMetadata> f : pending) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "could not publish to Kafka: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pending.clear();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
