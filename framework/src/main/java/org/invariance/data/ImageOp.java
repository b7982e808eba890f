package org.invariance.data;

/**
 * One prepared image-to-image operation (e.g. "rotate by 30 degrees"), applied to many images.
 * Images are row-major float arrays (a colour image its channels one after the other);
 * {@code src} and {@code dst} never overlap.
 */
@FunctionalInterface
public interface ImageOp {
  void apply(float[] src, int srcOffset, float[] dst, int dstOffset);

  /** {@code plane}, an operation on one channel, applied to every channel of images of {@code shape} alike. */
  static ImageOp perChannel(ImageOp plane, ImageShape shape) {
    if (shape.channels() == 1) return plane;
    int size = shape.plane();
    int channels = shape.channels();
    return (src, so, dst, d) -> {
      for (int c = 0; c < channels; c++) plane.apply(src, so + c * size, dst, d + c * size);
    };
  }
}
