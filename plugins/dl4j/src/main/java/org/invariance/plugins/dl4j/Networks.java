package org.invariance.plugins.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.invariance.data.ImageShape;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds a Deeplearning4j network configuration from a {@code dl4j} model's YAML. */
final class Networks {
  private Networks() {}

  /**
   * The configuration for images of {@code width x height} (one channel, given flat: Deeplearning4j
   * inserts the reshaping to {@code [n, 1, h, w]} before the first convolution) and {@code classes}
   * softmax outputs. Deeplearning4j draws the initial weights from {@code seed}.
   */
  static MultiLayerConfiguration configuration(Dl4jConfig c, ImageShape image, int classes, long seed) {
    OneDnn.enable();
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater(c))
        .weightInit(WeightInit.XAVIER)
        .l2(c.weightDecay())
        // a convolution's forward kept for its backward instead of computed again (same numbers)
        .cacheMode(CacheMode.DEVICE)
        .list();
    List<String> names = names(c.layers());
    int i = 0;
    for (LayerSpec l : c.layers()) {
      String name = names.get(i);
      switch (l.type()) {
        case DENSE -> b.layer(i, new DenseLayer.Builder().name(name).nOut(l.units()).activation(activation(l)).build());
        case CONVOLUTION -> b.layer(i, new ConvolutionLayer.Builder(l.kernel(), l.kernel()).name(name).nOut(l.filters())
            .stride(l.stride(), l.stride()).padding(l.padding(), l.padding()).activation(activation(l)).build());
        case SUBSAMPLING -> b.layer(i, new SubsamplingLayer.Builder(l.pooling() == LayerSpec.Pooling.MAX ? PoolingType.MAX : PoolingType.AVG)
            .name(name).kernelSize(l.kernel(), l.kernel()).stride(l.stride(), l.stride()).padding(l.padding(), l.padding()).build());
        case OUTPUT -> b.layer(i, output(name, classes));
      }
      i++;
    }
    if (c.layers().get(c.layers().size() - 1).type() != LayerSpec.Type.OUTPUT) b.layer(i, output("output", classes));
    return b.setInputType(InputType.convolutionalFlat(image.height(), image.width(), image.channels())).build();
  }

  private static OutputLayer output(String name, int classes) {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(name).nOut(classes).activation(Activation.SOFTMAX).build();
  }

  private static Activation activation(LayerSpec l) {
    return LayerSpec.Activations.parse(l.activation());
  }

  private static IUpdater updater(Dl4jConfig c) {
    return switch (c.updater()) {
      case SGD -> new Sgd(c.lr());
      case NESTEROVS -> new Nesterovs(c.lr(), c.momentum());
      case ADAM -> new Adam(c.lr());
    };
  }

  /** Each layer's name: its own, or its type and a count per type (conv1, pool1, conv2, dense1, output). */
  static List<String> names(List<LayerSpec> layers) {
    Map<LayerSpec.Type, Integer> counts = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (LayerSpec l : layers) {
      int k = counts.merge(l.type(), 1, Integer::sum);
      String base = switch (l.type()) {
        case DENSE -> "dense";
        case CONVOLUTION -> "conv";
        case SUBSAMPLING -> "pool";
        case OUTPUT -> "output";
      };
      names.add(l.name() != null ? l.name() : l.type() == LayerSpec.Type.OUTPUT ? base : base + k);
    }
    return names;
  }
}
