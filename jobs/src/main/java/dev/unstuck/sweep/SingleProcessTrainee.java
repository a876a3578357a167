package dev.unstuck.sweep;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A run trained the way its user trains it: one process, plain {@code MultiLayerNetwork.fit} over
 * the training split reshuffled every epoch, measured in the same process.
 */
final class SingleProcessTrainee implements EpochLoop.Trainee {
  private final MultiLayerNetwork net;
  private final ShuffledBatches train;
  private final EpochProbe probe;
  private final DataFacts facts;
  private final int batchSize;
  private final long seed;

  SingleProcessTrainee(
      MultiLayerConfiguration conf,
      DataSet train,
      DataSet validation,
      DataSet probeBatch,
      DataFacts facts,
      int batchSize,
      long seed) {
    this.net = new MultiLayerNetwork(conf);
    this.net.init();
    this.train = new ShuffledBatches(train);
    this.probe = new EpochProbe(train, validation, probeBatch, facts.numClasses());
    this.facts = facts;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  @Override
  public DataFacts facts() {
    return facts;
  }

  @Override
  public MultiLayerNetwork network() {
    return net;
  }

  @Override
  public void fitEpoch(int epoch) {
    net.fit(train.forEpoch(batchSize, seed, epoch));
  }

  @Override
  public Measurement measure(Map<Integer, INDArray> weightsBefore) {
    return probe.measure(net, weightsBefore);
  }
}
