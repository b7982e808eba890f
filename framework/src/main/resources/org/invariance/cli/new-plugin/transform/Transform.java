package {{package}};

import java.util.OptionalDouble;
import org.invariance.data.ImageOp;
import org.invariance.plugin.Transform;

/**
 * Contrast about a centre value c by a factor k, the amount: each value v becomes c + k (v - c),
 * clipped to [0, 1]. k = 1 leaves an image as it is, 0 makes it flat, 2 doubles every difference.
 */
public final class {{Name}}Transform implements Transform<{{Name}}Config> {
  @Override
  public Class<{{Name}}Config> configType() {
    return {{Name}}Config.class;
  }

  /** The amount that changes nothing: probes compare the others with it, and their defaults name it. */
  @Override
  public OptionalDouble identity({{Name}}Config config) {
    return OptionalDouble.of(1);
  }

  /**
   * The operation for one amount on one channel of {@code width x height} values (called once per
   * amount, then applied to every image, from several threads: keep it immutable). An amount that
   * makes no sense is an IllegalArgumentException in words, which {@code validate} reports at its line.
   */
  @Override
  public ImageOp prepare({{Name}}Config config, double amount, int width, int height) {
    if (!(amount >= 0) || Double.isInfinite(amount)) throw new IllegalArgumentException("a contrast factor is a number >= 0, got " + amount);
    int pixels = width * height;
    if (amount == 1) return (src, srcOffset, dst, dstOffset) -> System.arraycopy(src, srcOffset, dst, dstOffset, pixels); // exactly the image
    float c = config.centre().floatValue();
    float k = (float) amount;
    return (src, srcOffset, dst, dstOffset) -> {
      for (int i = 0; i < pixels; i++) dst[dstOffset + i] = Math.min(1f, Math.max(0f, c + k * (src[srcOffset + i] - c)));
    };
  }
}
