package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A learning-rate schedule in data-parallel training: {@link EpochLoop} sets each epoch's rate on
 * the driver's network, and the workers must step with it, not with the rate the network was built
 * with. Plain SGD (no updater state) on one averaging split of one minibatch per worker: the
 * averaged step is the rate times the mean gradient, so from the same parameters on the same
 * minibatches half the rate must move the parameters exactly half as far, and a rate of 0 not at
 * all.
 */
class LearningRateOnWorkersIT {
  private static final int WORKERS = 2;
  private static final int PER_WORKER = 8;

  private static MultiLayerNetwork network() throws Exception {
    RunConfig config =
        SpecParser.parse(
                """
        name: rate-on-workers
        data:
          path: unused.csv
          label: last
        model:
          hidden: [6]
          activation: tanh
          init: xavier
        training:
          optimizer: sgd
          learningRate: 0.4
          batchSize: 16
          epochs: 3
          lrSchedule: step
        """,
                "test",
                Optional.empty())
            .baseline();
    MultiLayerNetwork net =
        new MultiLayerNetwork(NetworkFactory.configuration(config, 4, 3, 7, null));
    net.init();
    return net.convertDataType(DataType.DOUBLE);
  }

  /** One minibatch per worker of random rows with random labels. */
  private static JavaRDD<DataSet> minibatches(JavaSparkContext spark) {
    Random random = new Random(3);
    List<DataSet> batches = new ArrayList<>();
    for (int b = 0; b < WORKERS; b++) {
      INDArray features = Nd4j.create(DataType.DOUBLE, PER_WORKER, 4);
      INDArray labels = Nd4j.zeros(DataType.DOUBLE, PER_WORKER, 3);
      for (int row = 0; row < PER_WORKER; row++) {
        for (int column = 0; column < 4; column++) {
          features.putScalar(row, column, random.nextGaussian());
        }
        labels.putScalar(row, random.nextInt(3), 1);
      }
      batches.add(new DataSet(features, labels));
    }
    return spark.parallelize(batches, WORKERS);
  }

  /** How far one averaged step at {@code rate} moves the parameters from {@code start}. */
  private static INDArray step(
      JavaSparkContext spark, MultiLayerNetwork net, INDArray start, double rate) {
    SparkDl4jMultiLayer sparkNet =
        new SparkDl4jMultiLayer(
            spark,
            net,
            DataParallelTrainer.trainingMaster(
                TrainingLayout.dataParallel(WORKERS, PER_WORKER, 1), 7, 0));
    sparkNet.getNetwork().setParams(start.dup());
    sparkNet.getNetwork().setLearningRate(rate); // what EpochLoop does at the start of each epoch
    sparkNet.fit(minibatches(spark));
    return sparkNet.getNetwork().params().sub(start);
  }

  @Test
  void theRateSetOnTheDriverIsTheRateTheWorkersStepWith() throws Exception {
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
    MultiLayerNetwork net = network();
    INDArray start = net.params().dup();
    // the step schedule's rates for epochs 1 and 2 of 3: 0.4, then half
    double first =
        net.getLayerWiseConfigurations()
            .getConf(0)
            .getLayer()
            .getUpdaterByParam("W")
            .getLearningRate(0, 0);
    assertThat(first).isEqualTo(0.4);

    INDArray full = step(spark, net, start, 0.4);
    INDArray half = step(spark, net, start, 0.2);
    INDArray none = step(spark, net, start, 0.0);

    assertThat(full.norm2Number().doubleValue()).isGreaterThan(1e-3);
    assertThat(half.norm2Number().doubleValue())
        .isCloseTo(full.norm2Number().doubleValue() / 2, within(1e-9));
    assertThat(half.mul(2).sub(full).amaxNumber().doubleValue()).isLessThan(1e-9);
    assertThat(none.amaxNumber().doubleValue()).isZero();
  }
}
