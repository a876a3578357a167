package dev.unstuck.sweep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A run's training, validation and probe splits in ND4J's own binary form, to broadcast to the task
 * that trains the run whole. Plain bytes, so they travel with any Spark serializer.
 */
public final class LocalSplits implements Serializable {
  private final byte[] train;
  private final byte[] validation;
  private final byte[] probe;

  public LocalSplits(DataSet train, DataSet validation, DataSet probe) {
    this.train = bytes(train);
    this.validation = bytes(validation);
    this.probe = bytes(probe);
  }

  public DataSet train() {
    return dataSet(train);
  }

  public DataSet validation() {
    return dataSet(validation);
  }

  public DataSet probe() {
    return dataSet(probe);
  }

  public long sizeInBytes() {
    return (long) train.length + validation.length + probe.length;
  }

  private static byte[] bytes(DataSet data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    data.save(out);
    return out.toByteArray();
  }

  private static DataSet dataSet(byte[] bytes) {
    DataSet data = new DataSet();
    data.load(new ByteArrayInputStream(bytes));
    return data;
  }
}
