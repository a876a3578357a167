package dev.unstuck.sweep;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What training and the epoch probe do with a network, whichever kind DL4J built: a {@code
 * MultiLayerNetwork} (a sequence of layers) or a {@code ComputationGraph} (a graph of layer and
 * merge vertices, with one input and one output here). Everything after it - telemetry, metrics,
 * detectors - sees only layers and numbers, never the kind.
 */
interface TrainableNetwork {
  /** One pass over these minibatches. */
  void fit(DataSetIterator batches);

  /** The network's output (class probabilities) on these rows, as at inference. */
  INDArray output(INDArray features);

  /** Every parameter, flattened. */
  INDArray params();

  /**
   * Each example's loss without the L1/L2 penalty (DL4J's {@code scoreExamples}), as at inference.
   */
  INDArray exampleLosses(DataSet data);

  /** Sets the learning rate of every layer's updater. */
  void setLearningRate(double rate);

  /**
   * The layers, in the order the network runs them (a graph: its topological order), each with the
   * index {@link #activations} and the probe's weight snapshots use.
   */
  List<NetworkLayer> layers();

  /**
   * The gradient of the loss on one batch, computed on a copy so measuring never disturbs the
   * network being trained; keyed as {@link NetworkLayer#gradientKey}.
   */
  Gradient gradientOn(DataSet batch);

  /** Each layer's output on these rows, as at inference, by {@link NetworkLayer#index}. */
  Map<Integer, INDArray> activations(INDArray features);

  /**
   * One layer of the network.
   *
   * @param index its position among the network's layers
   * @param gradientPrefix the prefix of its parameters' keys in a {@link Gradient}: {@code 3_} for
   *     the fourth layer of a sequence, {@code <vertex name>_} in a graph
   * @param output whether it is the network's output layer
   */
  record NetworkLayer(int index, String gradientPrefix, Layer layer, boolean output) {
    /** The key of one of its parameters ({@code W}, {@code b}) in a {@link Gradient}. */
    String gradientKey(String param) {
      return gradientPrefix + param;
    }
  }
}
