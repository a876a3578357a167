package dev.unstuck.sweep;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A run trained the way its user trains it: one process, plain DL4J {@code fit} of the network (a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}) over the training split reshuffled every
 * epoch, measured in the same process.
 */
final class SingleProcessTrainee implements EpochLoop.Trainee {
  private final TrainableNetwork net;
  private final ShuffledBatches train;
  private final EpochProbe probe;
  private final DataFacts facts;
  private final int batchSize;
  private final long seed;

  SingleProcessTrainee(
      NetworkDefinition network,
      DataSet train,
      DataSet validation,
      DataSet probeBatch,
      DataFacts facts,
      int batchSize,
      long seed) {
    this.net = network.build();
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
  public TrainableNetwork network() {
    return net;
  }

  @Override
  public void fitEpoch(int epoch) {
    net.fit(train.forEpoch(batchSize, seed, epoch));
  }

  @Override
  public Measurement measure(Map<Integer, INDArray> weightsBefore) {
    return probe.measure(net, weightsBefore, null);
  }
}
