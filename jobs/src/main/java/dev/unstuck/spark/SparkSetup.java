package dev.unstuck.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

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
}
