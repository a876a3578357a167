package dev.unstuck.kafka;

import dev.unstuck.text.Throwables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a topic ends now, partition by partition: what a consumer that must see only later records
 * starts from.
 */
public final class EndOffsets {
  private static final long TIMEOUT_SECONDS = 30;

  private EndOffsets() {}

  /** The end offset of each partition of {@code topic}, by partition number. */
  public static Map<Integer, Long> of(Admin admin, String topic) throws Exception {
    var partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .get(topic)
            .partitions();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(
        p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<Integer, Long> ends = new TreeMap<>();
    admin
        .listOffsets(request)
        .all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
    return ends;
  }

  /**
   * Spark's {@code startingOffsets} JSON for the topic's current end, e.g. {@code
   * {"t":{"0":42,"1":40}}}: where a fresh checkpoint on a shared broker starts.
   */
  public static String sparkJson(KafkaSettings kafka, String topic) {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      List<String> entries = new ArrayList<>();
      of(admin, topic)
          .forEach((partition, offset) -> entries.add("\"" + partition + "\":" + offset));
      return "{\"" + topic + "\":{" + String.join(",", entries) + "}}";
    } catch (Exception e) {
      throw new KafkaUnreachableException(
          "cannot read the end offsets of "
              + topic
              + " on "
              + kafka.redacted()
              + ": "
              + Throwables.rootMessage(e),
          e);
    }
  }
}
