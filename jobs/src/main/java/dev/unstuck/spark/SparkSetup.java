package dev.unstuck.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.state.StateStore;

/**
 * The Spark settings the sweep relies on, applied unless the user set them: FAIR scheduling so
 * concurrent variants share the cluster, Kryo with ND4J's registrator for DL4J's broadcasts, and
 * {@code local[*]} when started outside spark-submit.
 */
public final class SparkSetup {
  private SparkSetup() {}

  public static SparkConf defaults(SparkConf conf) {
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    return conf;
  }

  public static SparkSession session(String appName) {
    return SparkSession.builder()
        .config(defaults(new SparkConf().setAppName(appName)))
        .getOrCreate();
  }

  /**
   * Stops a session this process owns, then closes the streaming state stores its queries left
   * loaded. Spark keeps RocksDB state stores open in a JVM-wide registry until the JVM ends; a
   * RocksDB flush still running while the JVM exits crashed the launcher once (SIGABRT, "pthread
   * lock: Invalid argument") after a complete answer. Only once the context has stopped is no task
   * left that could be using a store - closing them earlier crashed a test JVM in
   * RocksDB.getProperty - so this is for the owner of the last session in the JVM only.
   */
  public static void stopAndCloseStateStores(SparkSession spark) {
    spark.stop();
    StateStore.stop();
  }
}
