package dev.unstuck.data;

import dev.unstuck.spec.DataSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What is at {@code data.path} before Spark reads it: a folder with nothing Spark would read in it
 * makes Spark say only "Unable to infer schema for CSV. It must be specified manually", which
 * points at the wrong thing.
 */
final class DataFiles {
  private DataFiles() {}

  /**
   * @throws DataException when data.path is a folder holding no data file (Spark skips names
   *     starting _ or .)
   */
  static void check(SparkSession spark, DataSpec spec) {
    FileStatus[] entries;
    try {
      Path path = new Path(spec.path());
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.getFileStatus(path).isDirectory()) {
        return;
      }
      entries = fs.listStatus(path);
    } catch (FileNotFoundException | IllegalArgumentException e) {
      return; // a glob, or gone since the spec was checked: Spark's own words say it
    } catch (IOException e) {
      return; // the file system could not be asked: Spark will say what is wrong when it reads
    }
    boolean anyData =
        Arrays.stream(entries)
            .map(s -> s.getPath().getName())
            .anyMatch(name -> !name.startsWith("_") && !name.startsWith("."));
    if (!anyData) {
      throw new DataException(
          "data.path: " + spec.path() + " is a folder with no data files in it");
    }
  }
}
