package {{package}};

import java.util.List;
import java.util.Optional;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;

/**
 * Grey images of one bar across the image, horizontal (class 0) or vertical (class 1), made here
 * rather than read: image i of a class has its bar at row (or column) i mod size. The framework
 * builds every transformed dataset ({{Name}}_30, {{Name}}_mix, ...) from what {@link #load} returns.
 */
public final class {{Name}}Source implements Source<{{Name}}Config> {
  /** The class names, by label. */
  static final List<String> CLASSES = List.of("horizontal", "vertical");

  @Override
  public Class<{{Name}}Config> configType() {
    return {{Name}}Config.class;
  }

  @Override
  public Split load(SourceContext context, {{Name}}Config config) {
    int count = config.count();
    int size = config.size();
    float[] pixels = new float[2 * count * size * size]; // values in [0, 1], each image a row-major plane
    byte[] labels = new byte[2 * count];                // class by class: the stratified split takes the last of each
    for (int label = 0; label < 2; label++) {
      for (int i = 0; i < count; i++) {
        int image = label * count + i;
        labels[image] = (byte) label;
        int bar = i % size;
        for (int along = 0; along < size; along++) {
          int row = label == 0 ? bar : along;
          int column = label == 0 ? along : bar;
          pixels[image * size * size + row * size + column] = 1f;
        }
      }
    }
    // what someone needs to get the same images again goes to provenance.json
    context.record("images", "made by the {{name}} source: " + count + " bars of each class, " + size + " x " + size + " pixels");
    Images all = new Images(config.name(), size, size, pixels, labels, CLASSES);
    return Split.stratified(all, config.testFraction());
  }

  /** The images' shape, known without loading: {@code validate} checks transforms and models against it before any data loads. */
  @Override
  public Optional<ImageShape> shape({{Name}}Config config, SourceContext context) {
    return Optional.of(ImageShape.grey(config.size(), config.size()));
  }

  /** The class names, known without loading: {@code validate} checks the class indices probes name against them. */
  @Override
  public Optional<List<String>> classes({{Name}}Config config, SourceContext context) {
    return Optional.of(CLASSES);
  }
}
