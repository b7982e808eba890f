package org.invariance.plugins.sta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.study.SeedStudy;
import org.invariance.study.StudyFigures;

/**
 * The spike-triggered averages as a grid per model (rows: datasets, columns: the output neurons, one
 * per class): the study's Figure 4 in its setting (MNIST, rotation, two frozen-head classifiers), a
 * figure beyond the study elsewhere, its columns named by class and its images in colour where the
 * data's are.
 */
public final class StaFigures implements StudyFigures {
  @Override
  public void draw(ReportContext ctx) {
    ResultTable sta = ctx.results().metric("sta");
    ResultTable counts = ctx.results().metric("count");
    List<String> datasets = sta.distinct("dataset");
    List<String> neurons = sta.distinct("neuron");
    int pixels = sta.distinct("pixel").size();
    ReportContext.Setting setting = ctx.setting();
    ImageShape shape = shape(setting.image(), pixels);
    boolean study = SeedStudy.repeats(setting);
    int images = ctx.config(StaConfig.class).images(); // the bound record: the study's 5,000 when the section leaves it out
    String transform = Charts.transformName(setting);
    String data = Charts.dataName(setting, "the data");
    // outside the study each column is named by its class, as the data names it
    List<String> columns = study ? neurons : neurons.stream().map(setting::className).toList();
    boolean named = !columns.equals(neurons);
    Figure.Builder fig = study
        ? Figure.of("4", "Spike-triggered averages of the softmax neurons",
            "For each softmax neuron (columns), the mean of the test images (up to " + images
                + " per dataset) for which it was the most active of its layer; rows are the datasets, top to bottom. A blank cell: the neuron was never the most active.")
        : Figure.of(null, Charts.titleBeyond(ctx, "Spike-triggered averages of the output neurons under " + transform),
            Charts.captionBeyond(ctx, "For each output neuron (columns: the classes of " + data + (named ? ", by name" : ", by index")
                + "), the mean of the test images, as transformed, for which its class was the most probable (up to "
                + images + " images per dataset); rows are the datasets (" + transform
                + " amounts), top to bottom, with the number of images averaged in brackets. A blank cell: the class was never predicted."
                + (shape.channels() == 3 ? " Images in colour (red, green and blue channels)." : "")));
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = sta.where("model", model);
      if (m.isEmpty()) continue;
      float[][][] averages = new float[datasets.size()][neurons.size()][];
      for (ResultTable.Row r : m.rows()) {
        int d = datasets.indexOf(r.dataset());
        int k = neurons.indexOf(r.get("neuron"));
        if (Double.isNaN(r.value())) continue;
        if (averages[d][k] == null) averages[d][k] = new float[pixels];
        averages[d][k][r.integer("pixel")] = (float) r.value();
      }
      List<String> rowLabels = new ArrayList<>();
      for (String d : datasets) {
        ResultTable c = counts.where("model", model).where("dataset", d);
        long n = Math.round(Arrays.stream(c.values()).sum());
        rowLabels.add(d + " (" + n + ")");
      }
      // upright class names above the images need room: the grid makes it when drawn, the panel grows so the images keep theirs
      fig.panel(model, Charts.imageGrid(model, rowLabels, columns, averages, shape), 600, study ? 310 : Charts.heightFor(310, columns));
      any = true;
    }
    if (any) ctx.figure(fig.build());
  }

  /**
   * The shape of the averaged images: the data's, whose C x H x W values the {@code pixel} column
   * indexes channel by channel; a square grey image when the run did not record it (older runs).
   */
  static ImageShape shape(ImageShape data, int pixels) {
    if (data != null) {
      if (data.size() == pixels) return data;
      if (data.plane() == pixels) return ImageShape.grey(data.width(), data.height()); // one value per pixel: drawn grey
      throw new IllegalStateException("sta: " + pixels + " values per image, but the data's images are " + data + " (" + data.size() + " values)");
    }
    int side = (int) Math.round(Math.sqrt(pixels));
    if (side * side != pixels) throw new IllegalStateException("sta: " + pixels + " pixels per image is not a square image");
    return ImageShape.grey(side, side);
  }
}
