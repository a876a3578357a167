package dev.unstuck.data;

import dev.unstuck.spec.DataSpec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code data.format: idx}: the MNIST family's files (MNIST, Fashion-MNIST, KMNIST), read with
 * plain Java. An IDX file is a big-endian header - two zero bytes, the element type (0x08: unsigned
 * byte), the number of dimensions - then each dimension's size as a 32-bit integer, then the
 * elements row by row. The images file is [images, rows, columns] and its labels file [images];
 * both may be gzipped, as they are distributed.
 *
 * <p>Pixels are divided by 255, so every feature is in [0, 1]: the file's element type fixes the
 * range at 0..255, this is the scaling every MNIST tutorial applies, and {@code
 * training.normalizeInputs} stays free for what it means elsewhere - a fitted standardisation the
 * user chose (and a fix the sweep may try).
 */
final class IdxFiles {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final double PIXEL_MAX = 255;

  private IdxFiles() {}

  /** One IDX file's header: its dimensions, the first being the number of items. */
  private record Header(int[] dims) {
    int items() {
      return dims[0];
    }

    /** Elements per item: rows x columns for images, 1 for labels. */
    int itemSize() {
      return Arrays.stream(dims).skip(1).reduce(1, (a, b) -> a * b);
    }
  }

  static EncodedData load(SparkSession spark, DataSpec spec) {
    String imagesPath = spec.path();
    String labelsPath = spec.labels();
    try (DataInputStream images = open(spark, imagesPath);
        DataInputStream labels = open(spark, labelsPath)) {
      Header imageHeader = header(images, imagesPath, "data.path", 2);
      Header labelHeader = header(labels, labelsPath, "data.labels", 1);
      if (labelHeader.dims().length != 1) {
        throw new DataException(
            "data.labels: "
                + labelsPath
                + " holds "
                + describe(labelHeader)
                + ", not one label per image: is it the images file?");
      }
      if (labelHeader.items() != imageHeader.items()) {
        throw new DataException(
            "data.labels: "
                + labelsPath
                + " has "
                + labelHeader.items()
                + " labels but data.path "
                + imagesPath
                + " has "
                + imageHeader.items()
                + " images");
      }
      checkShape(spec, imageHeader);
      int count =
          spec.limit() > 0
              ? (int) Math.min(spec.limit(), imageHeader.items())
              : imageHeader.items();
      int width = imageHeader.itemSize();
      byte[] pixels = new byte[width];
      List<double[]> features = new ArrayList<>(count);
      int[] classes = new int[count];
      for (int i = 0; i < count; i++) {
        readFully(images, pixels, imagesPath, i, imageHeader.items());
        double[] row = new double[width];
        for (int p = 0; p < width; p++) {
          row[p] = Byte.toUnsignedInt(pixels[p]) / PIXEL_MAX;
        }
        features.add(row);
        classes[i] = readLabel(labels, labelsPath, i, labelHeader.items());
      }
      return encoded(spark, features, classes, width, spec);
    } catch (IOException e) {
      throw new DataException(
          "data.path: cannot read "
              + imagesPath
              + " or its labels "
              + labelsPath
              + " as idx: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A file through Hadoop's file system (local, HDFS, S3 alike), unzipped when it starts with
   * gzip's magic.
   */
  private static DataInputStream open(SparkSession spark, String path) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    InputStream in = new BufferedInputStream(fs.open(file), 1 << 16);
    in.mark(2);
    boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return new DataInputStream(
        gzipped ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in);
  }

  private static Header header(DataInputStream in, String path, String key, int minDims)
      throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new DataException(key + ": " + path + " is too short to be an idx file");
    }
    int type = (magic >>> 8) & 0xff;
    int dims = magic & 0xff;
    if ((magic >>> 16) != 0 || dims < 1) {
      throw new DataException(
          key
              + ": "
              + path
              + " is not an idx file (it starts with 0x"
              + String.format("%08x", magic)
              + ", an idx file with 0x0000 then its element type and dimensions)");
    }
    if (type != UNSIGNED_BYTE) {
      throw new DataException(
          key
              + ": "
              + path
              + " holds idx elements of type 0x"
              + String.format("%02x", type)
              + "; only unsigned bytes (0x08, pixels and labels) are read");
    }
    if (dims < minDims) {
      throw new DataException(
          key
              + ": "
              + path
              + " has "
              + dims
              + " dimension(s): an images file has at least "
              + minDims
              + " (images, rows, columns)");
    }
    int[] sizes = new int[dims];
    for (int d = 0; d < dims; d++) {
      sizes[d] = in.readInt();
    }
    return new Header(sizes);
  }

  private static String describe(Header header) {
    return Arrays.stream(header.dims())
            .mapToObj(String::valueOf)
            .reduce((a, b) -> a + "x" + b)
            .orElse("")
        + " values";
  }

  /**
   * data.shape must be the images' own [rows, columns, channels]; a mere equal product would
   * scramble them.
   */
  private static void checkShape(DataSpec spec, Header images) {
    List<Integer> shape = spec.shape();
    int[] dims = images.dims();
    if (shape.isEmpty() || dims.length < 3) {
      return;
    }
    int channels = dims.length > 3 ? Arrays.stream(dims).skip(3).reduce(1, (a, b) -> a * b) : 1;
    if (shape.get(0) != dims[1] || shape.get(1) != dims[2] || shape.get(2) != channels) {
      throw new DataException(
          "data.shape: "
              + shape
              + " but the images in "
              + spec.path()
              + " are "
              + dims[1]
              + "x"
              + dims[2]
              + " with "
              + channels
              + " channel(s): data.shape: ["
              + dims[1]
              + ", "
              + dims[2]
              + ", "
              + channels
              + "]");
    }
  }

  private static void readFully(
      DataInputStream in, byte[] into, String path, int index, int declared) throws IOException {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw truncated("data.path", path, index, declared);
    }
  }

  private static int readLabel(DataInputStream in, String path, int index, int declared)
      throws IOException {
    try {
      return in.readUnsignedByte();
    } catch (EOFException e) {
      throw truncated("data.labels", path, index, declared);
    }
  }

  private static DataException truncated(String key, String path, int index, int declared) {
    return new DataException(
        key
            + ": "
            + path
            + " ends after "
            + index
            + " of the "
            + declared
            + " items its header declares (a truncated download?)");
  }

  /**
   * Rows of the loader's encoded form; classes in numeric order, named by their label value ("0"
   * ... "9").
   */
  private static EncodedData encoded(
      SparkSession spark, List<double[]> features, int[] labels, int width, DataSpec spec) {
    TreeSet<Integer> distinct = new TreeSet<>();
    Arrays.stream(labels).forEach(distinct::add);
    if (distinct.size() < 2) {
      throw new DataException(
          "data.labels: every one of the "
              + labels.length
              + " labels read is "
              + distinct.first()
              + ": there is nothing to learn"
              + (spec.limit() > 0 ? " (data.limit: " + spec.limit() + ")" : ""));
    }
    List<Integer> classes = List.copyOf(distinct);
    List<Row> rows = new ArrayList<>(labels.length);
    for (int i = 0; i < labels.length; i++) {
      rows.add(
          RowFactory.create(Vectors.dense(features.get(i)), (double) classes.indexOf(labels[i])));
    }
    StructType schema =
        new StructType()
            .add(EncodedData.FEATURES, SQLDataTypes.VectorType(), false)
            .add(EncodedData.LABEL, DataTypes.DoubleType, false);
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    List<String> names = new ArrayList<>(width);
    for (int p = 0; p < width; p++) {
      names.add("pixel" + p);
    }
    return new EncodedData(frame, classes.stream().map(String::valueOf).toList(), names, width);
  }
}
