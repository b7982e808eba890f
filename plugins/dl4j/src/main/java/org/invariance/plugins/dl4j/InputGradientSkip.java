package org.invariance.plugins.dl4j;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * While open, a network whose first layer is a convolution on oneDNN computes that layer's weight
 * and bias gradients alone ({@link ConvWeightGradient}), not the gradient with respect to the
 * network's input, which {@code fit} discards: Deeplearning4j 1.0.0-M2.1 computes it anyway, and for
 * a one-channel image it was the costliest operation of the whole step (3 of 8 ms for the examples'
 * CNN). PyTorch skips it too (the input does not require a gradient).
 *
 * <p>Only for training: anything that asks for the input's gradient (saliency, adversarial examples)
 * must run outside this scope, where {@link #close} has put Deeplearning4j's own helper back. The
 * layer's helper field is protected in Deeplearning4j and has no setter, so it is set by reflection;
 * where that or the oneDNN library fails, the scope does nothing and training runs as before.
 */
public final class InputGradientSkip implements AutoCloseable {
  private static final Field HELPER = helperField();

  private final ConvolutionLayer layer;
  private final ConvolutionHelper original;
  private final WeightsOnly helper;

  private InputGradientSkip(ConvolutionLayer layer, ConvolutionHelper original, WeightsOnly helper) {
    this.layer = layer;
    this.original = original;
    this.helper = helper;
  }

  /** Skips the input gradient of {@code net}'s first layer until {@link #close}, where it can; otherwise does nothing. */
  public static InputGradientSkip during(MultiLayerNetwork net) {
    Layer[] layers = net.getLayers();
    if (HELPER == null || layers == null || layers.length == 0) return inactive();
    // exactly Deeplearning4j's 2-d convolution: its subclasses (1-d, depthwise, separable, deconvolution) differ
    if (layers[0].getClass() != ConvolutionLayer.class) return inactive();
    ConvolutionLayer first = (ConvolutionLayer) layers[0];
    if (!(first.getHelper() instanceof MKLDNNConvHelper mkl)) return inactive();
    if (first.layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW) return inactive();
    WeightsOnly w;
    try {
      w = new WeightsOnly(mkl, new ConvWeightGradient(), first.getConvolutionMode());
      HELPER.set(first, w);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return inactive(); // no oneDNN library of its own here: train as before
    }
    return new InputGradientSkip(first, mkl, w);
  }

  /** A scope that changes nothing: training runs as Deeplearning4j has it. */
  private static InputGradientSkip inactive() {
    return new InputGradientSkip(null, null, null);
  }

  /** Whether the first layer's input gradient is being skipped. */
  public boolean active() {
    return layer != null;
  }

  /** Backward passes so far that computed the weight gradients alone. */
  public long skipped() {
    return helper == null ? 0 : helper.skipped;
  }

  @Override
  public void close() {
    if (layer == null) return;
    try {
      HELPER.set(layer, original);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot restore the first layer's helper", e);
    }
    helper.weights.close();
  }

  private static Field helperField() {
    try {
      Field f = ConvolutionLayer.class.getDeclaredField("helper");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // a Deeplearning4j without the field: the scope does nothing
    }
  }

  /** Deeplearning4j's oneDNN helper for the forward pass; the backward pass computes weight and bias gradients only. */
  private static final class WeightsOnly implements ConvolutionHelper {
    private final MKLDNNConvHelper forward;
    private final ConvWeightGradient weights;
    private final ConvolutionMode mode;
    private long skipped;

    WeightsOnly(MKLDNNConvHelper forward, ConvWeightGradient weights, ConvolutionMode mode) {
      this.forward = forward;
      this.weights = weights;
      this.mode = mode;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray w, INDArray bias, INDArray delta, int[] kernel, int[] strides, int[] pad,
                                                     INDArray biasGradView, INDArray weightGradView, IActivation afn, AlgoMode algoMode,
                                                     BwdFilterAlgo bwdFilterAlgo,
                                                     BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
                                                     int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
      boolean inPlace = ConvWeightGradient.plain(input) && ConvWeightGradient.plain(delta) && ConvWeightGradient.plain(weightGradView)
          && (biasGradView == null || ConvWeightGradient.plain(biasGradView)) && format == CNN2DFormat.NCHW;
      if (!inPlace) {
        return forward.backpropGradient(input, w, bias, delta, kernel, strides, pad, biasGradView, weightGradView, afn, algoMode, bwdFilterAlgo, bwdDataAlgo,
            convolutionMode, dilation, format, workspaceMgr);
      }
      int[] padding = pad;
      if (mode == ConvolutionMode.Same) {
        padding = ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) delta.size(2), (int) delta.size(3)},
            new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
      }
      var g = new ConvWeightGradient.Geometry(input.size(0), input.size(1), input.size(2), input.size(3), w.size(0), delta.size(2), delta.size(3),
          kernel, strides, padding, dilation, biasGradView != null);
      weights.compute(g, input, delta, weightGradView, biasGradView);
      skipped++;
      Gradient grad = new DefaultGradient();
      if (biasGradView != null) grad.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
      grad.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
      // where Deeplearning4j expects the input gradient: allocated in its workspace, never written; fit discards it
      INDArray unread = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
      return new Pair<>(grad, unread);
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray w, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode algoMode,
                              FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
      return forward.preOutput(input, w, bias, kernel, strides, pad, algoMode, fwdAlgo, convolutionMode, dilation, format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
      return forward.activate(z, afn, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
      return forward.helperMemoryUse();
    }

    @Override
    public boolean checkSupported() {
      return forward.checkSupported();
    }
  }
}
