package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source called directly, as a run calls it, through the framework's test context. */
class {{Name}}SourceTest {
  @TempDir Path dir;

  @Test
  void eachClassKeepsItsShareOfTheTestSplitAndEveryImageIsOneBar() {
    TestSourceContext context = TestSourceContext.in(dir); // paths relative to dir, the cache in dir/cache, provenance in a map
    Split split = new {{Name}}Source().load(context, new {{Name}}Config(10, 4, 0.2, null));
    assertEquals(List.of("horizontal", "vertical"), split.classes());
    assertEquals(16, split.train().count());
    assertEquals(4, split.test().count()); // the last 2 of each class
    assertEquals("{{Name}}", split.train().name());
    for (Images images : List.of(split.train(), split.test())) {
      for (int i = 0; i < images.count(); i++) {
        float sum = 0;
        for (int p = 0; p < 16; p++) sum += images.pixels()[i * 16 + p];
        assertEquals(4, sum, "a bar of 4 pixels in image " + i);
      }
    }
    // the first training image is horizontal with its bar in row 0: pixels 0-3 lit
    assertEquals(0, split.train().label(0));
    assertEquals(1f, split.train().pixels()[3]);
    assertEquals(0f, split.train().pixels()[4]);
    assertTrue(context.records().get("images").contains("10 bars of each class"), context.records().toString());
  }

  @Test
  void shapeAndClassesAreKnownBeforeLoadingAndAgreeWithTheImages() {
    {{Name}}Config config = new {{Name}}Config(null, 8, null, null);
    TestSourceContext context = TestSourceContext.in(dir);
    Split split = new {{Name}}Source().load(context, config);
    assertEquals(Optional.of(ImageShape.grey(8, 8)), new {{Name}}Source().shape(config, context));
    assertEquals(split.train().shape(), ImageShape.grey(8, 8));
    assertEquals(Optional.of(split.classes()), new {{Name}}Source().classes(config, context));
  }

  @Test
  void aMistakeNamesItsField() {
    assertEquals("count", assertThrows(InvalidConfig.class, () -> new {{Name}}Config(1, null, null, null)).field());
    assertEquals("test_fraction", assertThrows(InvalidConfig.class, () -> new {{Name}}Config(null, null, 1.0, null)).field());
  }
}
