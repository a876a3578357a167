package dev.unstuck.sweep;

import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/** The DL4J network for a variant: dense hidden layers (optionally batch-normalised) and a softmax output. */
public final class NetworkFactory {
  private NetworkFactory() {}

  /**
   * @param classWeights per-class loss weights (class-weighted loss), or null for unweighted
   */
  public static MultiLayerConfiguration configuration(RunConfig config, int inputs, int classes, long seed,
      double[] classWeights) {
    ModelSpec model = config.model();
    TrainingSpec training = config.training();
    NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater(training.optimizer(), training.learningRate()))
        .l1(model.l1())
        .l2(model.l2());
    applyInit(builder, model.init());
    if (training.gradientClip() > 0) {
      builder.gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(training.gradientClip());
    } else if (training.gradientClipValue() > 0) {
      builder.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
          .gradientNormalizationThreshold(training.gradientClipValue());
    }
    NeuralNetConfiguration.ListBuilder layers = builder.list();
    int index = 0;
    int width = inputs;
    List<Integer> hidden = model.hidden();
    for (int i = 0; i < hidden.size(); i++) {
      DenseLayer.Builder dense = new DenseLayer.Builder().nIn(width).nOut(hidden.get(i))
          .activation(activation(model.activation()));
      if (i == 0 && training.inputNoise() > 0) {
        dense.dropOut(new GaussianNoise(training.inputNoise()));
      } else if (i > 0 && model.dropout() > 0) {
        dense.dropOut(1 - model.dropout()); // DL4J takes the probability of keeping a unit
      }
      layers.layer(index++, dense.build());
      width = hidden.get(i);
      if (model.batchNorm()) {
        layers.layer(index++, new BatchNormalization.Builder().nIn(width).nOut(width).build());
      }
    }
    OutputLayer.Builder output = new OutputLayer.Builder(loss(config, classWeights)).nIn(width).nOut(classes)
        .activation(Activation.SOFTMAX);
    if (!hidden.isEmpty() && model.dropout() > 0) {
      output.dropOut(1 - model.dropout());
    }
    if (hidden.isEmpty() && training.inputNoise() > 0) {
      output.dropOut(new GaussianNoise(training.inputNoise()));
    }
    layers.layer(index, output.build());
    return layers.build();
  }

  static IUpdater updater(dev.unstuck.spec.Optimizer optimizer, double rate) {
    return switch (optimizer) {
      case SGD -> new Sgd(rate);
      case ADAM -> new Adam(rate);
      case NESTEROVS -> new Nesterovs(rate, 0.9);
      case RMSPROP -> new RmsProp(rate);
      case ADAGRAD -> new AdaGrad(rate);
    };
  }

  static Activation activation(dev.unstuck.spec.Activation activation) {
    return switch (activation) {
      case RELU -> Activation.RELU;
      case LEAKYRELU -> Activation.LEAKYRELU;
      case ELU -> Activation.ELU;
      case TANH -> Activation.TANH;
      case SIGMOID -> Activation.SIGMOID;
      case SOFTPLUS -> Activation.SOFTPLUS;
      case IDENTITY -> Activation.IDENTITY;
    };
  }

  /**
   * Each spec name is the DL4J scheme of that name ({@code normal} is WeightInit.NORMAL, N(0, 1/fanIn)); only
   * {@code unitNormal}, the deliberately poor N(0, 1), has no DL4J name and is a distribution.
   */
  private static void applyInit(NeuralNetConfiguration.Builder builder, dev.unstuck.spec.WeightInit init) {
    switch (init) {
      case XAVIER -> builder.weightInit(WeightInit.XAVIER);
      case HE -> builder.weightInit(WeightInit.RELU);
      case LECUN -> builder.weightInit(WeightInit.LECUN_NORMAL);
      case NORMAL -> builder.weightInit(WeightInit.NORMAL);
      case UNIT_NORMAL -> builder.weightInit(new NormalDistribution(0, 1));
      case UNIFORM -> builder.weightInit(WeightInit.UNIFORM);
      case ZERO -> builder.weightInit(WeightInit.ZERO);
    }
  }

  private static ILossFunction loss(RunConfig config, double[] classWeights) {
    var weights = classWeights == null ? null : Nd4j.create(classWeights).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    return switch (config.model().loss()) {
      case MCXENT -> weights == null ? new LossMCXENT() : new LossMCXENT(weights);
      case NEGATIVELOGLIKELIHOOD -> weights == null ? new LossNegativeLogLikelihood()
          : new LossNegativeLogLikelihood(weights);
      case MSE -> weights == null ? new LossMSE() : new LossMSE(weights);
    };
  }
}
