package org.invariance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.files.AtomicWrite;
import org.invariance.results.Figure;

/**
 * A figure's panels written beside a page, each as {@code <id>-<k>.png}, {@code .svg} (the same
 * drawing as vectors, for papers, where {@link Svg#worthIt}) and {@code .csv} (what it plots,
 * {@link PlottedData}), and described for a page's template: the PNG's base64, size, alt text,
 * file base, label (left out where the chart already shows it as its title) and whether an SVG was
 * written. The run's page and the sweep's page both embed panels this way.
 */
public final class PanelFiles {
  private PanelFiles() {}

  public static List<Map<String, Object>> write(Figure f, String id, Path dir) throws IOException {
    List<Map<String, Object>> panels = new ArrayList<>();
    int k = 0;
    for (Figure.Panel p : f.panels()) {
      byte[] png = Charts.png(p.chart(), p.width(), p.height());
      String base = id + "-" + (++k);
      Files.write(dir.resolve(base + ".png"), png);
      boolean vector = Svg.worthIt(p.chart());
      if (vector) AtomicWrite.text(dir.resolve(base + ".svg"), Svg.of(p.chart(), p.width(), p.height()));
      PlottedData.write(dir.resolve(base + ".csv"), p.chart());
      Map<String, Object> panel = new LinkedHashMap<>();
      panel.put("pngBase64", Base64.getEncoder().encodeToString(png));
      panel.put("width", p.width());
      panel.put("height", p.height());
      panel.put("alt", f.title() + (p.label().isEmpty() ? "" : ": " + p.label()));
      panel.put("base", base);
      boolean titled = p.chart().getTitle() != null && p.label().equals(p.chart().getTitle().getText());
      panel.put("label", titled ? "" : p.label());
      panel.put("svg", vector);
      panels.add(panel);
    }
    return panels;
  }
}
