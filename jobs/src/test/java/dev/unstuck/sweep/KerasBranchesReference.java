package dev.unstuck.sweep;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The graph of {@code models/keras-functional-digits.json} written with DL4J's {@code
 * GraphBuilder}, from what the Keras JSON says (GlorotUniform = DL4J's XAVIER_UNIFORM, zero biases)
 * and not from Unstuck's import: pixels -> Dense 32 relu {@code wide} and Dense 16 tanh {@code
 * narrow} side by side, concatenated, -> Dense 10 softmax {@code digit}; plain SGD at the spec's
 * rate, cross-entropy on the softmax output.
 */
final class KerasBranchesReference {
  private KerasBranchesReference() {}

  static ComputationGraphConfiguration graph(double learningRate, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Sgd(learningRate))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .graphBuilder()
        .addInputs("pixels")
        .addLayer(
            "wide",
            new DenseLayer.Builder()
                .nIn(KerasDigitsReference.PIXELS)
                .nOut(32)
                .activation(Activation.RELU)
                .build(),
            "pixels")
        .addLayer(
            "narrow",
            new DenseLayer.Builder()
                .nIn(KerasDigitsReference.PIXELS)
                .nOut(16)
                .activation(Activation.TANH)
                .build(),
            "pixels")
        .addVertex("merged", new MergeVertex(), "wide", "narrow")
        .addLayer(
            "digit",
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(48)
                .nOut(KerasDigitsReference.DIGITS)
                .activation(Activation.SOFTMAX)
                .build(),
            "merged")
        .setOutputs("digit")
        .build();
  }

  /**
   * {@code models/keras-cnn-branches-digits.json}: 8x8x1 images -> Conv2D 4 filters 3x3 valid relu
   * {@code conv_a} and {@code conv_b} side by side, concatenated along the channels, flattened, ->
   * Dense 10 softmax {@code digit}; on flat rows of 64 pixels, channels first.
   */
  static ComputationGraphConfiguration cnn(double learningRate, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Sgd(learningRate))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .graphBuilder()
        .addInputs("pixels")
        .addLayer(
            "conv_a",
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            "pixels")
        .addLayer(
            "conv_b",
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            "pixels")
        .addVertex("merged", new MergeVertex(), "conv_a", "conv_b")
        .addLayer(
            "digit",
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(KerasDigitsReference.DIGITS)
                .activation(Activation.SOFTMAX)
                .build(),
            "merged")
        .setOutputs("digit")
        .setInputTypes(InputType.convolutionalFlat(8, 8, 1))
        .build();
  }
}
