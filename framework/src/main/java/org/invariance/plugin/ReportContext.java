package org.invariance.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;

/** What {@link Figures} may use: one probe's results and the run that made them. */
public interface ReportContext {
  /** The probe's name in the experiment. */
  String probeName();

  /** The probe's rows, as written to {@code <probe>.csv}. */
  ResultTable results();

  /** The probe's resolved YAML section (defaults filled in). */
  JsonNode config();

  /** The models this probe measured, in the order it was given them (AER first in the study's experiment). */
  List<String> models();

  /** What the numbers are about: the data, the probe's transform and the plugin behind each model. */
  Setting setting();

  /**
   * The setting of a probe's results.
   *
   * @param data the data's name ("MNIST", "Fashion-MNIST")
   * @param transform the probe's transform, by its name in the experiment
   * @param transformPlugin the plugin that makes that transform
   * @param modelPlugins the plugin that made each model the probe measured
   * @param classes the data's class names by index (empty when unknown)
   */
  record Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins, List<String> classes) {
    public Setting {
      modelPlugins = Map.copyOf(modelPlugins);
      classes = List.copyOf(classes);
    }

    /** A setting whose class names are unknown. */
    public Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins) {
      this(data, transform, transformPlugin, modelPlugins, List.of());
    }

    /** The name of class {@code index} as the CSVs write it ("7"), or the index itself when names are unknown or it is no index ("all"). */
    public String className(String index) {
      try {
        int i = Integer.parseInt(index);
        return i >= 0 && i < classes.size() ? classes.get(i) : index;
      } catch (NumberFormatException e) {
        return index;
      }
    }

    /**
     * Whether these results repeat a study's setting, so its figure numbers and claims apply: the
     * same data, a transform made by the same plugin, and at least two models, every one made by
     * the same model plugin (a study compares such models).
     */
    public boolean is(String studyData, String studyTransformPlugin, String studyModelPlugin) {
      return studyData.equals(data) && studyTransformPlugin.equals(transformPlugin) && modelPlugins.size() >= 2
          && modelPlugins.values().stream().allMatch(studyModelPlugin::equals);
    }
  }

  /** Adds a figure; the report orders figures by their study number. */
  void figure(Figure figure);

  /** Adds a row to the table of claims. */
  void claim(Claim claim);
}
