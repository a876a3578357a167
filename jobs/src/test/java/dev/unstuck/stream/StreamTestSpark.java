package dev.unstuck.stream;

import dev.unstuck.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session per test JVM with the job's own defaults (SparkSetup), small shuffles, no
 * UI.
 */
final class StreamTestSpark {
  private StreamTestSpark() {}

  static synchronized SparkSession get() {
    SparkConf conf =
        new SparkConf()
            .setAppName("unstuck-stream-tests")
            .setMaster("local[2]")
            .set("spark.ui.enabled", "false")
            .set("spark.sql.shuffle.partitions", "2")
            .set("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true");
    return SparkSession.builder().config(SparkSetup.defaults(conf)).getOrCreate();
  }
}
