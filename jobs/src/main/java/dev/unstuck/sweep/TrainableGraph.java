package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@code ComputationGraph} with one input and one output to train and probe. Its layers are its
 * layer vertices in the order DL4J runs them (topological); merge, sum and other vertices have no
 * weights and are not measured. A graph names its gradients and activations by vertex name, which
 * is the layer's name.
 */
final class TrainableGraph implements TrainableNetwork {
  private final ComputationGraph graph;

  TrainableGraph(ComputationGraph graph) {
    this.graph = graph;
  }

  @Override
  public void fit(DataSetIterator batches) {
    graph.fit(batches);
  }

  @Override
  public INDArray output(INDArray features) {
    return graph.outputSingle(false, features);
  }

  @Override
  public INDArray params() {
    return graph.params();
  }

  @Override
  public INDArray exampleLosses(DataSet data) {
    return graph.scoreExamples(data, false);
  }

  @Override
  public void setLearningRate(double rate) {
    graph.setLearningRate(rate);
  }

  @Override
  public List<NetworkLayer> layers() {
    List<String> outputs = graph.getConfiguration().getNetworkOutputs();
    Layer[] layers = graph.getLayers();
    List<NetworkLayer> found = new ArrayList<>();
    for (int i = 0; i < layers.length; i++) {
      String name = vertexName(layers[i]);
      found.add(new NetworkLayer(i, name + "_", layers[i], outputs.contains(name)));
    }
    return found;
  }

  @Override
  public Gradient gradientOn(DataSet batch) {
    ComputationGraph copy = graph.clone();
    copy.setInputs(batch.getFeatures());
    copy.setLabels(batch.getLabels());
    copy.computeGradientAndScore();
    return copy.gradient();
  }

  @Override
  public Map<Integer, INDArray> activations(INDArray features) {
    Map<String, INDArray> byVertex = graph.feedForward(features, false);
    Layer[] layers = graph.getLayers();
    Map<Integer, INDArray> byLayer = new HashMap<>();
    for (int i = 0; i < layers.length; i++) {
      byLayer.put(i, byVertex.get(vertexName(layers[i])));
    }
    return byLayer;
  }

  /** A graph's layer carries the name of its vertex. */
  private static String vertexName(Layer layer) {
    return layer.conf().getLayer().getLayerName();
  }
}
