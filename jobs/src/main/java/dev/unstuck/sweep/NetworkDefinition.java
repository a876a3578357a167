package dev.unstuck.sweep;

import java.io.Serializable;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A variant's network before it is built: DL4J's configuration of a sequence of layers or of a
 * graph, kept as DL4J's JSON so it travels to a Spark task as it is. Unstuck's own networks are
 * sequences; a graph is a model the user brought.
 */
final class NetworkDefinition implements Serializable {
  private final boolean graph;
  private final String json;

  private NetworkDefinition(boolean graph, String json) {
    this.graph = graph;
    this.json = json;
  }

  static NetworkDefinition of(MultiLayerConfiguration conf) {
    return new NetworkDefinition(false, conf.toJson());
  }

  static NetworkDefinition of(ComputationGraphConfiguration conf) {
    return new NetworkDefinition(true, conf.toJson());
  }

  /**
   * The configuration, read afresh, handed to the function for its kind: where building a network
   * for training (single process or on Spark) tells the kinds apart.
   */
  <T> T map(
      Function<MultiLayerConfiguration, T> sequence,
      Function<ComputationGraphConfiguration, T> ofGraph) {
    return graph
        ? ofGraph.apply(ComputationGraphConfiguration.fromJson(json))
        : sequence.apply(MultiLayerConfiguration.fromJson(json));
  }

  /** A fresh network, initialised from the configuration's seed. */
  TrainableNetwork build() {
    return map(
        conf -> {
          MultiLayerNetwork net = new MultiLayerNetwork(conf);
          net.init();
          return new TrainableMultiLayer(net);
        },
        conf -> {
          ComputationGraph net = new ComputationGraph(conf);
          net.init();
          return new TrainableGraph(net);
        });
  }
}
