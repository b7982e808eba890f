package {{package}};

import java.io.DataInputStream;
import java.io.IOException;
import org.invariance.data.Images;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;

/**
 * Trains a {@link {{Name}}Model}: the mean training image of each class. It builds on no other stage
 * ({@code upstream()} is NONE by default; OPTIONAL or REQUIRED lets an experiment's {@code on:} name
 * one) and draws no random numbers (a model that does seeds each from {@code ctx.seed(purpose)}, so
 * training is the same on every run and machine).
 */
public final class {{Name}}Plugin implements ModelPlugin<{{Name}}Config> {
  @Override
  public Class<{{Name}}Config> configType() {
    return {{Name}}Config.class;
  }

  /** Known from the config, so {@code validate} refuses a probe asking for layer 3. */
  @Override
  public int layers({{Name}}Config config, int upstreamLayers) {
    return 2;
  }

  @Override
  public Model train(TrainingContext ctx, {{Name}}Config config) {
    Images images = ctx.trainImages(); // untransformed, values in [0, 1], with the data's classes
    int classes = images.classes().size();
    int size = images.size();
    double[][] sums = new double[classes][size];
    int[] counts = new int[classes];
    try (Progress progress = ctx.progress("class means", images.count())) { // the terminal's bar and the metrics
      for (int i = 0; i < images.count(); i++) {
        int label = images.label(i);
        counts[label]++;
        for (int j = 0; j < size; j++) sums[label][j] += images.pixels()[i * size + j];
        progress.advance(1);
      }
    }
    float[][] means = new float[classes][size];
    for (int c = 0; c < classes; c++) {
      if (counts[c] == 0) throw new IllegalArgumentException("class '" + images.classes().get(c) + "' has no training image, so it has no mean");
      for (int j = 0; j < size; j++) means[c][j] = (float) (sums[c][j] / counts[c]);
    }
    return new {{Name}}Model(means, config.temperature());
  }

  /** Reads what {@link {{Name}}Model#write} wrote (the store keeps it keyed by config, seed and data). */
  @Override
  public Model read(DataInputStream in, {{Name}}Config config, Model upstream) throws IOException {
    return {{Name}}Model.read(in);
  }
}
