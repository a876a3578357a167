package dev.unstuck.sweep;

import dev.unstuck.testing.PlainDl4j;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The Fashion-MNIST CNN of {@code deploy/examples/fashion-cnn-*.yaml} written out with DL4J's
 * builders and trained in one process, with none of Unstuck's code: its own reading of the IDX
 * files (the header skipped by its documented length, pixels / 255), the first rows as training set
 * and the next as validation, plain {@code fit} over minibatches in file order, and balanced
 * accuracy from the outputs ({@link PlainDl4j}). It says whether the baseline's fault and its fix
 * are real before the sweep is asked to find them.
 */
final class FashionCnnReference {
  static final Path IMAGES =
      Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
  static final Path LABELS =
      Path.of("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");

  private FashionCnnReference() {}

  /** The variations the example's baseline and fixes make. */
  record Network(
      Activation activation, boolean unitNormalInit, boolean batchNorm, double learningRate) {}

  /** The first {@code rows} images and one-hot labels. */
  static DataSet read(int rows) throws IOException {
    byte[] images = gunzip(IMAGES, 16 + rows * 784L);
    byte[] labels = gunzip(LABELS, 8 + rows);
    INDArray features = Nd4j.create(rows, 784);
    INDArray oneHot = Nd4j.zeros(rows, 10);
    for (int r = 0; r < rows; r++) {
      for (int p = 0; p < 784; p++) {
        features.putScalar(r, p, (images[16 + r * 784 + p] & 0xff) / 255.0);
      }
      oneHot.putScalar(r, labels[8 + r] & 0xff, 1);
    }
    return new DataSet(features, oneHot);
  }

  private static byte[] gunzip(Path file, long bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readNBytes((int) bytes);
    }
  }

  /** conv 5x5x8 - maxpool 2 - conv 5x5x16 - maxpool 2 - dense 32 - softmax 10, on 28x28x1 rows. */
  static MultiLayerConfiguration configuration(Network network, long seed) {
    NeuralNetConfiguration.Builder builder =
        new NeuralNetConfiguration.Builder().seed(seed).updater(new Sgd(network.learningRate()));
    if (network.unitNormalInit()) {
      builder.weightInit(new NormalDistribution(0, 1));
    } else {
      builder.weightInit(WeightInit.XAVIER);
    }
    NeuralNetConfiguration.ListBuilder list = builder.list();
    list.layer(
        new ConvolutionLayer.Builder(5, 5)
            .nOut(8)
            .convolutionMode(ConvolutionMode.Truncate)
            .activation(network.activation())
            .build());
    normalise(list, network);
    list.layer(
        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2)
            .stride(2, 2)
            .build());
    list.layer(
        new ConvolutionLayer.Builder(5, 5)
            .nOut(16)
            .convolutionMode(ConvolutionMode.Truncate)
            .activation(network.activation())
            .build());
    normalise(list, network);
    list.layer(
        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2)
            .stride(2, 2)
            .build());
    list.layer(new DenseLayer.Builder().nOut(32).activation(network.activation()).build());
    normalise(list, network);
    list.layer(
        new OutputLayer.Builder(new LossMCXENT()).nOut(10).activation(Activation.SOFTMAX).build());
    list.setInputType(InputType.convolutionalFlat(28, 28, 1));
    return list.build();
  }

  private static void normalise(NeuralNetConfiguration.ListBuilder list, Network network) {
    if (network.batchNorm()) {
      list.layer(new BatchNormalization.Builder().build());
    }
  }

  /**
   * Validation balanced accuracy after each epoch, training on rows [0, train), validating on the
   * rest.
   */
  static double[] train(
      Network network, DataSet data, int trainRows, int epochs, int batchSize, long seed) {
    DataSet train =
        new DataSet(
            data.getFeatures().get(NDArrayIndex.interval(0, trainRows)),
            data.getLabels().get(NDArrayIndex.interval(0, trainRows)));
    DataSet validation =
        new DataSet(
            data.getFeatures().get(NDArrayIndex.interval(trainRows, data.numExamples())),
            data.getLabels().get(NDArrayIndex.interval(trainRows, data.numExamples())));
    double[] perEpoch = new double[epochs];
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(network, seed));
    net.init();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int from = 0; from < trainRows; from += batchSize) {
        int to = Math.min(trainRows, from + batchSize);
        net.fit(
            new DataSet(
                train.getFeatures().get(NDArrayIndex.interval(from, to)),
                train.getLabels().get(NDArrayIndex.interval(from, to))));
      }
      perEpoch[epoch] =
          PlainDl4j.balancedAccuracy(
              net.output(validation.getFeatures(), false), validation.getLabels());
    }
    return perEpoch;
  }

  /**
   * Measures variants by hand: {@code FashionCnnReference ROWS EPOCHS
   * "SIGMOID,false,false,0.1;RELU,false,false,0.1"} (activation, N(0, 1) init instead of Xavier,
   * batch normalisation, learning rate), each trained with seed 1.
   */
  public static void main(String[] args) throws IOException {
    int rows = Integer.parseInt(args[0]);
    int epochs = Integer.parseInt(args[1]);
    DataSet data = read(rows);
    int trainRows = rows * 4 / 5;
    for (String line : args[2].split(";")) {
      String[] p = line.split(",");
      Network network =
          new Network(
              Activation.valueOf(p[0]),
              Boolean.parseBoolean(p[1]),
              Boolean.parseBoolean(p[2]),
              Double.parseDouble(p[3]));
      long start = System.nanoTime();
      double[] accuracy = train(network, data, trainRows, epochs, 32, 1);
      System.out.printf(
          "%s: %s (%.0f s)%n",
          network, Arrays.toString(accuracy), (System.nanoTime() - start) / 1e9);
    }
  }
}
