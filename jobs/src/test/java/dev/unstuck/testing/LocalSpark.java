package dev.unstuck.testing;

import dev.unstuck.spark.SparkSetup;
import org.apache.spark.sql.SparkSession;

/**
 * The test JVM's Spark: local[2] with the production defaults (FAIR, Kryo, ...), shared by all test
 * classes.
 */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession session() {
    System.setProperty("spark.master", "local[2]");
    return SparkSetup.session("unstuck-tests");
  }
}
