package {{package}};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.SplittableRandom;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageOp;
import org.invariance.data.ImageShape;
import org.invariance.experiment.ConfigBinder;
import org.junit.jupiter.api.Test;

/** Properties of the transform on images small enough to work out by hand. */
class {{Name}}TransformTest {
  final {{Name}}Transform transform = new {{Name}}Transform();
  final {{Name}}Config config = new {{Name}}Config(null); // centre 0.5

  static float[] apply(ImageOp op, float... image) {
    float[] out = new float[image.length];
    op.apply(image, 0, out, 0);
    return out;
  }

  @Test
  void itsIdentityLeavesEveryValueAsItIs() {
    float[] image = new float[28 * 28];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    assertEquals(1.0, transform.identity(config).getAsDouble());
    assertArrayEquals(image, apply(transform.prepare(config, 1, 28, 28), image));
  }

  @Test
  void aFactorScalesTheDifferenceFromTheCentreClippedToZeroAndOne() {
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, apply(transform.prepare(config, 0, 3, 1), 0, 0.25f, 1));
    assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1}, apply(transform.prepare(config, 2, 5, 1), 0, 0.25f, 0.5f, 0.75f, 1));
    assertArrayEquals(new float[] {0.375f, 0.625f}, apply(transform.prepare(config, 0.5, 2, 1), 0.25f, 0.75f));
  }

  @Test
  void colourImagesChangeChannelByChannel() {
    ImageOp op = transform.prepare(config, 2, new ImageShape(3, 1, 1)); // one pixel, three channels
    assertArrayEquals(new float[] {0, 0.5f, 1}, apply(op, 0.25f, 0.5f, 0.75f));
  }

  @Test
  void anImageAtAnOffsetGivesTheSameResult() {
    ImageOp op = transform.prepare(config, 2, 2, 1);
    float[] dst = new float[5];
    op.apply(new float[] {9, 9, 0.25f, 0.75f}, 2, dst, 3);
    assertArrayEquals(new float[] {0, 0, 0, 0, 1}, dst);
  }

  @Test
  void aFactorThatMakesNoSenseIsRefused() {
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> transform.prepare(config, bad, 3, 1));
    }
  }

  @Test
  void theSectionBindsAsARunBindsItAndAMistakeNamesItsField() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    assertEquals(0.25, ConfigBinder.MAPPER.treeToValue(yaml.readTree("centre: 0.25"), {{Name}}Config.class).centre());
    ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
        () -> ConfigBinder.MAPPER.treeToValue(yaml.readTree("centre: 2"), {{Name}}Config.class));
    assertEquals("centre", ((InvalidConfig) e.getCause()).field());
  }
}
