package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A {@code MultiLayerNetwork} to train and probe: layer i is the i-th of the sequence. */
final class TrainableMultiLayer implements TrainableNetwork {
  private final MultiLayerNetwork net;

  TrainableMultiLayer(MultiLayerNetwork net) {
    this.net = net;
  }

  @Override
  public void fit(DataSetIterator batches) {
    net.fit(batches);
  }

  @Override
  public INDArray output(INDArray features) {
    return net.output(features, false);
  }

  @Override
  public INDArray params() {
    return net.params();
  }

  @Override
  public INDArray exampleLosses(DataSet data) {
    return net.scoreExamples(data, false);
  }

  @Override
  public void setLearningRate(double rate) {
    net.setLearningRate(rate);
  }

  @Override
  public List<NetworkLayer> layers() {
    List<NetworkLayer> layers = new ArrayList<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      layers.add(new NetworkLayer(i, i + "_", net.getLayer(i), i == net.getnLayers() - 1));
    }
    return layers;
  }

  @Override
  public Gradient gradientOn(DataSet batch) {
    MultiLayerNetwork copy = net.clone();
    copy.setInput(batch.getFeatures());
    copy.setLabels(batch.getLabels());
    copy.computeGradientAndScore();
    return copy.gradient();
  }

  @Override
  public Map<Integer, INDArray> activations(INDArray features) {
    // feedForward lists the input first, then each layer's output
    List<INDArray> outputs = net.feedForward(features, false);
    Map<Integer, INDArray> byLayer = new HashMap<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      byLayer.put(i, outputs.get(i + 1));
    }
    return byLayer;
  }
}
