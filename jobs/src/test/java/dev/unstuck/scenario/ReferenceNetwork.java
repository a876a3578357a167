package dev.unstuck.scenario;

import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.Resampling;
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
import org.nd4j.linalg.api.buffer.DataType;
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

/**
 * The scenario's network written with DL4J's builders from the README's table of what every spec
 * value means - independently of Unstuck's {@code NetworkFactory}, so a mistake there shows up as a
 * difference here.
 */
final class ReferenceNetwork {
  private ReferenceNetwork() {}

  static MultiLayerConfiguration of(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    ModelSpec model = config.model();
    TrainingSpec training = config.training();
    NeuralNetConfiguration.Builder builder =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater(training))
            .l1(model.l1())
            .l2(model.l2());
    switch (model.init()) {
      case XAVIER -> builder.weightInit(WeightInit.XAVIER);
      case HE -> builder.weightInit(WeightInit.RELU);
      case LECUN, NORMAL ->
          builder.weightInit(WeightInit.LECUN_NORMAL); // README: the same N(0, 1/fanIn)
      case UNIT_NORMAL -> builder.weightInit(new NormalDistribution(0, 1));
      case UNIFORM -> builder.weightInit(WeightInit.UNIFORM);
      case ZERO -> builder.weightInit(WeightInit.ZERO);
    }
    if (training.gradientClip() > 0) {
      builder
          .gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(training.gradientClip());
    } else if (training.gradientClipValue() > 0) {
      builder
          .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
          .gradientNormalizationThreshold(training.gradientClipValue());
    }
    NeuralNetConfiguration.ListBuilder list = builder.list();
    List<Integer> hidden = model.hidden();
    int in = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      DenseLayer.Builder dense =
          new DenseLayer.Builder()
              .nIn(in)
              .nOut(hidden.get(i))
              .activation(Activation.valueOf(model.activation().name()));
      if (i == 0 && training.inputNoise() > 0) {
        dense.dropOut(new GaussianNoise(training.inputNoise()));
      } else if (i > 0 && model.dropout() > 0) {
        dense.dropOut(1 - model.dropout()); // DL4J's argument is the probability of keeping
      }
      list.layer(dense.build());
      in = hidden.get(i);
      if (model.batchNorm()) {
        list.layer(new BatchNormalization.Builder().nIn(in).nOut(in).build());
      }
    }
    OutputLayer.Builder output =
        new OutputLayer.Builder(loss(config, classWeights))
            .nIn(in)
            .nOut(classes)
            .activation(Activation.SOFTMAX);
    if (!hidden.isEmpty() && model.dropout() > 0) {
      output.dropOut(1 - model.dropout());
    }
    list.layer(output.build());
    return list.build();
  }

  private static IUpdater updater(TrainingSpec training) {
    double rate = training.learningRate();
    return switch (training.optimizer()) {
      case SGD -> new Sgd(rate);
      case ADAM -> new Adam(rate);
      case NESTEROVS -> new Nesterovs(rate, 0.9);
      case RMSPROP -> new RmsProp(rate);
      case ADAGRAD -> new AdaGrad(rate);
    };
  }

  private static ILossFunction loss(RunConfig config, double[] classWeights) {
    boolean weighted = config.training().resample() == Resampling.CLASS_WEIGHTS;
    var weights = weighted ? Nd4j.create(classWeights).castTo(DataType.FLOAT) : null;
    return switch (config.model().loss()) {
      case MCXENT -> weighted ? new LossMCXENT(weights) : new LossMCXENT();
      case NEGATIVELOGLIKELIHOOD ->
          weighted ? new LossNegativeLogLikelihood(weights) : new LossNegativeLogLikelihood();
      case MSE -> weighted ? new LossMSE(weights) : new LossMSE();
    };
  }
}
