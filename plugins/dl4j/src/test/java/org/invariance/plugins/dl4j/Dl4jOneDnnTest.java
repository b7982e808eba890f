package org.invariance.plugins.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.invariance.data.ImageShape;
import org.invariance.experiment.ConfigBinder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The dl4j plugin's convolutions and pooling run through oneDNN ({@link OneDnn}), and compute what
 * Deeplearning4j's own Java path computes. Fails if a Deeplearning4j or ND4J version silently drops
 * the helper (the layer then falls back to the Java path, correct but 2-10x slower).
 */
class Dl4jOneDnnTest {
  /** 10x10 grey images: conv 3x3x4 (8x8), max pool 2 (4x4), conv 3x3x6 padded (4x4), avg pool 2 (2x2), dense 8, softmax 3. */
  private static Dl4jConfig cnn() throws JsonProcessingException {
    return ConfigBinder.MAPPER.readValue("""
        {"layers": [{"type": "convolution", "filters": 4, "kernel": 3},
                    {"type": "subsampling", "kernel": 2},
                    {"type": "convolution", "filters": 6, "kernel": 3, "padding": 1, "activation": "tanh"},
                    {"type": "subsampling", "kernel": 2, "pooling": "avg"},
                    {"type": "dense", "units": 8}],
         "iterations": 1, "batch": 16, "lr": 0.05, "updater": "sgd"}""", Dl4jConfig.class);
  }

  private static final ImageShape IMAGE = new ImageShape(1, 10, 10);

  /** The plugin's network; with {@code helpers} false, as Deeplearning4j runs it by default (Java path, no cache). */
  private static MultiLayerNetwork network(boolean helpers) throws JsonProcessingException {
    MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(cnn(), IMAGE, 3, 7));
    String before = System.getProperty(OneDnn.HELPERS_DISABLE);
    if (!helpers) System.setProperty(OneDnn.HELPERS_DISABLE, "true"); // helpers are made in init()
    try {
      net.init();
    } finally {
      if (before == null) System.clearProperty(OneDnn.HELPERS_DISABLE);
      else System.setProperty(OneDnn.HELPERS_DISABLE, before);
    }
    if (!helpers) net.setCacheMode(CacheMode.NONE); // and Deeplearning4j's default: the forward computed again in backprop
    return net;
  }

  private static List<Layer> spatial(MultiLayerNetwork net) {
    List<Layer> s = new ArrayList<>();
    for (Layer l : net.getLayers()) if (l instanceof ConvolutionLayer || l instanceof SubsamplingLayer) s.add(l);
    return s;
  }

  private static void assertOneDnnAttached(MultiLayerNetwork net, String when) {
    List<Layer> layers = spatial(net);
    assertEquals(4, layers.size());
    for (Layer l : layers) {
      String what = l.conf().getLayer().getLayerName() + " " + when;
      if (l instanceof ConvolutionLayer c) assertInstanceOf(MKLDNNConvHelper.class, c.getHelper(), what + ": no oneDNN helper");
      else assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) l).getHelper(), what + ": no oneDNN helper");
    }
  }

  /** max |a - b| / max(1, max |b|) */
  private static double relativeDifference(INDArray a, INDArray b) {
    double scale = Math.max(1, Transforms.abs(b, true).maxNumber().doubleValue());
    return Transforms.abs(a.sub(b), false).maxNumber().doubleValue() / scale;
  }

  @Test
  void theLoadedNd4jHasOneDnn() {
    assertTrue(OneDnn.inLibrary(), "ND4J's library has no oneDNN: " + OneDnn.describe());
  }

  @Test
  void everyConvolutionAndPoolingLayerHasTheOneDnnHelperAndComputesWhatTheJavaPathComputes() throws JsonProcessingException {
    MultiLayerNetwork fast = network(true);
    MultiLayerNetwork plain = network(false);
    assertOneDnnAttached(fast, "after init");
    for (Layer l : spatial(plain)) {
      assertNull(l instanceof ConvolutionLayer c ? c.getHelper() : ((SubsamplingLayer) l).getHelper(), "the plain network has a helper");
    }
    assertEquals(plain.params(), fast.params()); // same seed, same weights

    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.rand(DataType.FLOAT, 16, 100);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
    for (int i = 0; i < 16; i++) y.putScalar(i, i % 3, 1f);
    DataSet batch = new DataSet(x, y);

    // forward: every layer's activity, then the probabilities
    List<INDArray> a = fast.feedForward(x, false);
    List<INDArray> b = plain.feedForward(x, false);
    assertEquals(b.size(), a.size());
    for (int k = 0; k < a.size(); k++) {
      double d = relativeDifference(a.get(k), b.get(k));
      assertTrue(d <= 1e-6, "layer " + k + " activity differs by " + d);
    }

    // gradients of the same batch, then one step: the parameters still agree
    fast.setInput(x);
    fast.setLabels(y);
    fast.computeGradientAndScore();
    plain.setInput(x);
    plain.setLabels(y);
    plain.computeGradientAndScore();
    double dg = relativeDifference(fast.gradient().gradient(), plain.gradient().gradient());
    assertTrue(dg <= 1e-5, "gradients differ by " + dg);
    assertEquals(plain.score(), fast.score(), 1e-6);
    assertTrue(Transforms.abs(plain.gradient().gradient(), true).maxNumber().doubleValue() > 1e-3, "a gradient of zero proves nothing");

    fast.fit(batch);
    plain.fit(batch);
    double dp = relativeDifference(fast.params(), plain.params());
    assertTrue(dp <= 1e-6, "parameters after one step differ by " + dp);
    assertOneDnnAttached(fast, "after a training step"); // a helper that failed at run time would be dropped
    System.out.printf("oneDNN vs plain: activity within 1e-6, gradients %.2e, parameters after a step %.2e; %s%n", dg, dp, OneDnn.describe());
  }

  /**
   * 9x11 RGB images, first layer conv 4x3x5 with stride 2 in Same mode (uneven padding), then the
   * output layer: shapes where a wrong padding or stride would show. (Dilation is not tried: ND4J's
   * own oneDNN forward refuses dilated convolutions and Deeplearning4j falls back to Java for good.)
   */
  private static MultiLayerNetwork rgbNetwork() {
    OneDnn.enable();
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
        .list()
        .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(4, 3).nOut(5).stride(2, 2)
            .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(9, 11, 3))
        .build());
    net.init();
    return net;
  }

  @Test
  void duringTrainingTheFirstConvolutionComputesItsWeightGradientsAloneAndTheSameOnes() throws JsonProcessingException {
    for (MultiLayerNetwork net : List.of(network(true), rgbNetwork())) {
      long inputs = net.getLayer(0).getParam("W").size(1);
      Nd4j.getRandom().setSeed(13);
      long[] shape = inputs == 1 ? new long[] {16, 100} : new long[] {16, 3, 9, 11};
      INDArray x = Nd4j.rand(DataType.FLOAT, shape);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
      for (int i = 0; i < 16; i++) y.putScalar(i, (i * 7) % 3, 1f);
      net.setInput(x);
      net.setLabels(y);
      net.computeGradientAndScore();
      INDArray full = net.gradient().gradient().dup();
      ConvolutionHelper before = ((ConvolutionLayer) net.getLayer(0)).getHelper() instanceof ConvolutionHelper h ? h : null;
      net.getFlattenedGradients().assign(Float.NaN); // the second pass writes into the same views: nothing may stay from the first
      try (InputGradientSkip skip = InputGradientSkip.during(net)) {
        assertTrue(skip.active(), "the first layer is a convolution on oneDNN: the skip should apply");
        net.computeGradientAndScore();
        assertEquals(1, skip.skipped());
      }
      assertSame(before, ((ConvolutionLayer) net.getLayer(0)).getHelper(), "Deeplearning4j's helper is back after the scope");
      float[] weightsOnly = net.gradient().gradient().toFloatVector();
      float[] expected = full.toFloatVector();
      double d = 0;
      for (int i = 0; i < expected.length; i++) d = Math.max(d, Math.abs(weightsOnly[i] - expected[i])); // NaN where nothing was written
      d /= Math.max(1, Transforms.abs(full, true).maxNumber().doubleValue());
      assertTrue(d <= 1e-5, "gradients differ by " + d + " for " + net.getLayer(0).getParam("W").shapeInfoToString());
      assertTrue(Transforms.abs(full, true).maxNumber().doubleValue() > 1e-3, "a gradient of zero proves nothing");
    }
  }

  @Test
  void networksWhoseFirstLayerIsNotAConvolutionTrainAsBefore() {
    OneDnn.enable();
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
        .build());
    net.init();
    try (InputGradientSkip skip = InputGradientSkip.during(net)) {
      assertFalse(skip.active());
    }
  }
}
