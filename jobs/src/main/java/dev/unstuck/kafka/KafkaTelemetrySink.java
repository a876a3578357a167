package dev.unstuck.kafka;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.RecordKeys;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes telemetry keyed by execution and run ({@link RecordKeys#telemetry}),
 * single-object-encoded Avro. Idempotent with {@code acks=all} and a long delivery timeout, so a
 * broker restart during a sweep delays records but loses none and duplicates none.
 */
public final class KafkaTelemetrySink implements TelemetrySink {
  /**
   * How long a record may wait for the cluster (e.g. through a broker restart) before it counts as
   * lost.
   */
  static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public KafkaTelemetrySink(KafkaSettings kafka, String topic) {
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafka), new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  static Properties producerConfig(KafkaSettings kafka) {
    Properties props = kafka.clientConfig();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "unstuck-sweep");
    return props;
  }

  @Override
  public void publish(EpochTelemetry record) {
    producer.send(
        new ProducerRecord<>(topic, RecordKeys.telemetry(record), Codecs.TELEMETRY.encode(record)),
        (metadata, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException(
          "telemetry could not be delivered to " + topic + ": " + failure, failure);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
