package dev.unstuck.sweep;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A network trained data-parallel by DL4J's Spark wrapper of its kind ({@code SparkDl4jMultiLayer}
 * or {@code SparkComputationGraph}), both driven by the same training master.
 */
interface AveragedNetwork {
  /** One pass over these minibatches, spread over the workers and averaged. */
  void fit(JavaRDD<DataSet> batches);

  /** Classification scores over a whole split, computed on the executors. */
  Evaluation evaluate(JavaRDD<DataSet> data);

  /** The averaged network as it stands now, on the driver. */
  TrainableNetwork network();

  static AveragedNetwork of(
      JavaSparkContext spark, NetworkDefinition definition, TrainingMaster<?, ?> master) {
    return definition.map(
        conf -> {
          MultiLayerNetwork net = new MultiLayerNetwork(conf);
          net.init();
          SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(spark, net, master);
          return new AveragedNetwork() {
            @Override
            public void fit(JavaRDD<DataSet> batches) {
              sparkNet.fit(batches);
            }

            @Override
            public Evaluation evaluate(JavaRDD<DataSet> data) {
              return sparkNet.evaluate(data);
            }

            @Override
            public TrainableNetwork network() {
              return new TrainableMultiLayer(sparkNet.getNetwork());
            }
          };
        },
        conf -> {
          ComputationGraph net = new ComputationGraph(conf);
          net.init();
          SparkComputationGraph sparkNet = new SparkComputationGraph(spark, net, master);
          return new AveragedNetwork() {
            @Override
            public void fit(JavaRDD<DataSet> batches) {
              sparkNet.fit(batches);
            }

            @Override
            public Evaluation evaluate(JavaRDD<DataSet> data) {
              return sparkNet.evaluate(data);
            }

            @Override
            public TrainableNetwork network() {
              return new TrainableGraph(sparkNet.getNetwork());
            }
          };
        });
  }
}
