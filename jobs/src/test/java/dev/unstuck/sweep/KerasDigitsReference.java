package dev.unstuck.sweep;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks of {@code models/keras-dense-digits.json} and {@code keras-cnn-digits.json} written
 * with DL4J's builders, from what the Keras JSON says (GlorotUniform = DL4J's XAVIER_UNIFORM, zero
 * biases) and not from Unstuck's import: plain SGD at the spec's rate, cross-entropy on the softmax
 * output.
 */
final class KerasDigitsReference {
  static final int PIXELS = 64;
  static final int DIGITS = 10;

  private KerasDigitsReference() {}

  /** Dense 32 relu, Dense 10 softmax. */
  static MultiLayerConfiguration network(double learningRate, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Sgd(learningRate))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(new DenseLayer.Builder().nIn(PIXELS).nOut(32).activation(Activation.RELU).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(32)
                .nOut(DIGITS)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
  }

  /**
   * Conv2D 8 filters 3x3 valid relu, MaxPooling2D 2x2 stride 2, Flatten, Dense 10 softmax, on flat
   * 8x8x1 rows.
   */
  static MultiLayerConfiguration cnn(double learningRate, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Sgd(learningRate))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
        .layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(DIGITS)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutionalFlat(8, 8, 1))
        .build();
  }
}
