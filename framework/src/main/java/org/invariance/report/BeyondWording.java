package org.invariance.report;

import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.ReportContext;

/**
 * How a figure beyond the study names what it shows: the probe, its transform, the data and its
 * classes. One wording for every probe plugin, so figures outside the study's setting read alike.
 */
final class BeyondWording {
  /** The most class names a caption lists one by one. */
  static final int CLASSES_LISTED = 100;

  private BeyondWording() {}

  /** The probe's transform by its name in the experiment ("contrast"), or "transform" when unknown. */
  static String transformName(ReportContext.Setting s) {
    return s.transform() == null || s.transform().isBlank() ? "transform" : s.transform();
  }

  /** The transform's name and, when another name, the plugin that makes it: "contrast", "tilt (plugin rotation)". */
  static String transformWords(ReportContext.Setting s) {
    String name = transformName(s);
    String plugin = s.transformPlugin();
    return plugin == null || plugin.isBlank() || plugin.equals(name) ? name : name + " (plugin " + plugin + ")";
  }

  /** The data's name, or {@code unknown} when the run did not record one. */
  static String dataName(ReportContext.Setting s, String unknown) {
    return s.data() == null || s.data().isBlank() || s.data().equals("?") ? unknown : s.data();
  }

  /** Class {@code index} as a figure names it: "Trouser (class 1)" when the data names its classes, "class 1" otherwise. */
  static String classWords(ReportContext.Setting s, String index) {
    String name = s.className(index);
    return name.equals(index) ? "class " + index : name + " (class " + index + ")";
  }

  /**
   * A title beyond the study that says which probe drew it and, unless it says so already, under
   * which transform: "CKA per layer (cka-contrast, contrast)", "Accuracy per contrast amount (accuracy-contrast)".
   */
  static String title(ReportContext ctx, String title) {
    String transform = transformName(ctx.setting());
    String probe = ctx.probeName() == null || ctx.probeName().isBlank() ? "" : ctx.probeName();
    boolean named = title.replace(probe.isEmpty() ? "\u0000" : probe, "").contains(transform);
    List<String> parts = new ArrayList<>();
    if (!probe.isEmpty()) parts.add(probe);
    if (!named) parts.add(transform);
    return parts.isEmpty() ? title : title + " (" + String.join(", ", parts) + ")";
  }

  /**
   * A caption beyond the study, ending with what it is about: "Probe cka-contrast; transform
   * contrast; data FashionMNIST, 10 classes: T-shirt_top, Trouser, ...". Every class is named (up
   * to {@value #CLASSES_LISTED}; more are counted).
   */
  static String caption(ReportContext ctx, String caption) {
    ReportContext.Setting s = ctx.setting();
    StringBuilder b = new StringBuilder(caption);
    if (!caption.isEmpty() && !caption.endsWith(" ")) b.append(' ');
    if (ctx.probeName() != null && !ctx.probeName().isBlank()) b.append("Probe ").append(ctx.probeName()).append("; transform ");
    else b.append("Transform ");
    b.append(transformWords(s)).append("; data ").append(dataName(s, "unknown"));
    List<String> classes = s.classes();
    if (!classes.isEmpty()) {
      b.append(", ").append(classes.size()).append(classes.size() == 1 ? " class: " : " classes: ");
      b.append(String.join(", ", classes.subList(0, Math.min(classes.size(), CLASSES_LISTED))));
      if (classes.size() > CLASSES_LISTED) b.append(" and ").append(classes.size() - CLASSES_LISTED).append(" more");
    }
    return b.append('.').toString();
  }
}
