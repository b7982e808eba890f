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
   */
  record Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins) {
    public Setting {
      modelPlugins = Map.copyOf(modelPlugins);
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
