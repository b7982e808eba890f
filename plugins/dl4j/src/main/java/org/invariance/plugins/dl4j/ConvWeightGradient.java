package org.invariance.plugins.dl4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-d convolution's weight and bias gradients alone, through oneDNN's backward-weights primitive
 * (bytedeco's {@code dnnl} build): what a first layer needs, whose input gradient nobody reads.
 * ND4J's own oneDNN operation always computes the input gradient too and builds its primitives on
 * every call; here each shape's primitive and its reorders are made once and kept, as PyTorch keeps
 * them. Float32, NCHW, weights [out, in, kH, kW], arrays read and written in place (c-contiguous).
 */
final class ConvWeightGradient implements AutoCloseable {
  /** One layer's geometry: everything the primitive depends on. */
  record Geometry(long batch, long in, long height, long width, long out, long outHeight, long outWidth,
                  int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Geometry g && Arrays.equals(key(), g.key());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key());
    }

    private long[] key() {
      return new long[] {batch, in, height, width, out, outHeight, outWidth, kernel[0], kernel[1], stride[0], stride[1],
          padding[0], padding[1], dilation[0], dilation[1], bias ? 1 : 0};
    }

    /** Right and bottom padding as oneDNN counts it; never negative (a truncating stride drops the rest). */
    private long[] paddingAfter() {
      return new long[] {
          Math.max(0, (outHeight - 1) * stride[0] + (long) (kernel[0] - 1) * dilation[0] + 1 - height - padding[0]),
          Math.max(0, (outWidth - 1) * stride[1] + (long) (kernel[1] - 1) * dilation[1] + 1 - width - padding[1])};
    }
  }

  private final engine cpu = new engine(engine.kind.cpu, 0);
  private final stream stream = new stream(cpu);
  private final Map<Geometry, Primitive> primitives = new HashMap<>();

  /** Writes dL/dW into {@code weightGrad} and, if there is one, dL/db into {@code biasGrad}, from the layer's input and dL/dz. */
  void compute(Geometry g, INDArray input, INDArray deltaAtOutput, INDArray weightGrad, INDArray biasGrad) {
    primitives.computeIfAbsent(g, this::primitive).run(input, deltaAtOutput, weightGrad, biasGrad);
  }

  /** Whether this class can read and write the array in place: float32, its elements in c order without gaps. */
  static boolean plain(INDArray a) {
    if (a == null || a.dataType() != DataType.FLOAT || a.isEmpty()) return false;
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) return false; // a dimension of 1 may carry any stride
      expected *= shape[i];
    }
    return true;
  }

  private Primitive primitive(Geometry g) {
    var f32 = memory.data_type.f32;
    var any = memory.format_tag.any;
    long[] src = {g.batch, g.in, g.height, g.width};
    long[] dst = {g.batch, g.out, g.outHeight, g.outWidth};
    long[] w = {g.out, g.in, g.kernel[0], g.kernel[1]};
    long[] strides = {g.stride[0], g.stride[1]};
    long[] dilates = {g.dilation[0] - 1, g.dilation[1] - 1}; // Deeplearning4j's 1 is oneDNN's 0
    long[] before = {g.padding[0], g.padding[1]};
    long[] after = g.paddingAfter();
    memory.desc srcAny = new memory.desc(src, f32, any);
    memory.desc dstAny = new memory.desc(dst, f32, any);
    memory.desc wAny = new memory.desc(w, f32, any);
    memory.desc b = g.bias ? new memory.desc(new long[] {g.out}, f32, memory.format_tag.x) : new memory.desc();
    var algorithm = dnnl.algorithm.convolution_direct;
    // the forward description is oneDNN's hint for the backward pass's layouts
    var forward = new convolution_forward.primitive_desc(
        new convolution_forward.desc(dnnl.prop_kind.forward_training, algorithm, srcAny, wAny, b, dstAny, strides, dilates, before, after), cpu);
    var pd = new convolution_backward_weights.primitive_desc(
        new convolution_backward_weights.desc(algorithm, srcAny, wAny, b, dstAny, strides, dilates, before, after), cpu, forward);
    return new Primitive(pd,
        new memory.desc(src, f32, memory.format_tag.nchw),
        new memory.desc(dst, f32, memory.format_tag.nchw),
        new memory.desc(w, f32, memory.format_tag.oihw), g.bias ? b : null);
  }

  /** A primitive with its user-layout memories (pointed at the caller's arrays each call) and the reorders it needs. */
  private final class Primitive {
    private final convolution_backward_weights backward;
    private final Port src;
    private final Port deltaAtOutput;
    private final Port weightGrad;
    private final memory biasGrad;
    private final IntMemoryMap args = new IntMemoryMap();

    Primitive(convolution_backward_weights.primitive_desc pd, memory.desc src, memory.desc dst, memory.desc w, memory.desc b) {
      backward = new convolution_backward_weights(pd);
      this.src = new Port(src, pd.src_desc(), true);
      deltaAtOutput = new Port(dst, pd.diff_dst_desc(), true);
      weightGrad = new Port(w, pd.diff_weights_desc(), false);
      biasGrad = b == null ? null : new memory(b, cpu, (Pointer) null);
      args.put(DNNL_ARG_SRC, this.src.inner);
      args.put(DNNL_ARG_DIFF_DST, deltaAtOutput.inner);
      args.put(DNNL_ARG_DIFF_WEIGHTS, weightGrad.inner);
      if (biasGrad != null) args.put(DNNL_ARG_DIFF_BIAS, biasGrad);
    }

    void close() {
      backward.close();
      args.close();
      src.close();
      deltaAtOutput.close();
      weightGrad.close();
      if (biasGrad != null) biasGrad.close();
    }

    void run(INDArray x, INDArray delta, INDArray dW, INDArray db) {
      src.in(x);
      deltaAtOutput.in(delta);
      weightGrad.point(dW);
      if (biasGrad != null) biasGrad.set_data_handle(db.data().addressPointer());
      backward.execute(stream, args);
      weightGrad.out();
      stream._wait();
    }
  }

  /** The caller's array as oneDNN sees it (user layout) and the primitive's layout, with the reorder between them if they differ. */
  private final class Port {
    private final memory user;
    private final memory inner;
    private final reorder reorder;

    Port(memory.desc userDesc, memory.desc innerDesc, boolean intoPrimitive) {
      user = new memory(userDesc, cpu, (Pointer) null);
      boolean same = innerDesc.equals(userDesc);
      inner = same ? user : new memory(innerDesc, cpu);
      reorder = same ? null : intoPrimitive ? new reorder(user, inner) : new reorder(inner, user);
    }

    void point(INDArray a) {
      // a view's buffer already starts at the view's first element
      user.set_data_handle(a.data().addressPointer());
    }

    void in(INDArray a) {
      point(a);
      if (reorder != null) reorder.execute(stream, user, inner);
    }

    void out() {
      if (reorder != null) reorder.execute(stream, inner, user);
    }

    void close() {
      if (reorder != null) {
        reorder.close();
        inner.close();
      }
      user.close();
    }
  }

  /** Frees oneDNN's objects now rather than at the garbage collector's pace. */
  @Override
  public void close() {
    for (Primitive p : primitives.values()) p.close();
    primitives.clear();
    stream.close();
    cpu.close();
  }
}
