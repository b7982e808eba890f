package org.invariance.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.invariance.config.ConfigMapper;
import org.invariance.data.ImageShape;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;

/** What {@link Figures} may use: one probe's results and the run that made them. */
public interface ReportContext {
  /** The probe's name in the experiment. */
  String probeName();

  /** The probe's rows, as written to {@code <probe>.csv}. */
  ResultTable results();

  /**
   * The probe's summary rows, as written to {@code <probe>_summary.csv} ({@link
   * ProbeContext#summary}); an empty table of the framework's columns when it wrote none.
   */
  ResultTable summaries();

  /**
   * The probe's YAML section as the experiment wrote it (after {@code --set} overrides), the
   * framework's keys ({@code plugin}, {@code models}, {@code transform}) included: a key left out is
   * absent here, not filled with its default. {@link #config(Class)} gives the bound record.
   * Each call returns a copy: changing it changes nothing the report reads (neither what the next
   * call returns nor what another probe sees).
   */
  JsonNode config();

  /**
   * The probe's config record as the run bound it (snake_case keys, unknown keys an error), every
   * default filled in, those its transform decides included ({@code Probe.withDefaults}, as the
   * run's provenance records them): what a figure should read its settings and claim thresholds
   * from. The framework's own contexts and this default bind with the experiment binder's mapper,
   * {@link ConfigMapper#MAPPER}.
   *
   * @param type the probe plugin's config record ({@code Plugin.configType()})
   * @throws IllegalArgumentException if the section does not bind to {@code type}
   */
  default <C> C config(Class<C> type) {
    return bindSection(config(), type, ConfigMapper.MAPPER);
  }

  /**
   * Binds a probe's section, less the framework's keys, to its config record with {@code mapper};
   * a missing or empty section binds as {@code {}} (every default).
   */
  static <C> C bindSection(JsonNode section, Class<C> type, ObjectMapper mapper) {
    ObjectNode keys = section != null && section.isObject() ? ((ObjectNode) section).deepCopy() : JsonNodeFactory.instance.objectNode();
    keys.remove(FRAMEWORK_KEYS);
    try {
      return mapper.treeToValue(keys, type);
    } catch (JsonProcessingException e) {
      String problem = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
      throw new IllegalArgumentException("the probe's section does not bind to " + type.getSimpleName() + ": " + problem, e);
    }
  }

  /** The keys of a probe's section that the framework reads, not the probe's config record. */
  List<String> FRAMEWORK_KEYS = List.of("plugin", "models", "transform");

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
   * @param image the shape of the data's images (channels x height x width), or null when unknown
   */
  record Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins, List<String> classes, ImageShape image) {
    public Setting {
      modelPlugins = Map.copyOf(modelPlugins);
      classes = List.copyOf(classes);
    }

    /** A setting whose image shape is unknown. */
    public Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins, List<String> classes) {
      this(data, transform, transformPlugin, modelPlugins, classes, null);
    }

    /** A setting whose class names and image shape are unknown. */
    public Setting(String data, String transform, String transformPlugin, Map<String, String> modelPlugins) {
      this(data, transform, transformPlugin, modelPlugins, List.of(), null);
    }

    /** The name of class {@code index} as the CSVs write it ("7"), or the index itself when names are unknown or it is no index. */
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

  /**
   * The words the report's page uses around the claims and the figures: a study's plugins give
   * theirs ({@link Figures#wording}), so the page speaks of that study; the framework names none.
   * Each is shown as the report composes it (the seed study's words in quotes):
   *
   * @param title the claims' heading, before " on this run" ("The study's claims")
   * @param claims the claims counted, in "3 of 5 of {claims} held." ("the study's claims")
   * @param tests the rows beyond them, in "2 rows apply {tests} (1 held)" ("the study's tests beyond what it analysed")
   * @param beyond those rows' heading, after "Comparisons ", and each one's label ("beyond the study")
   * @param explanation the paragraph under that heading
   * @param source the heading of the claims table's column that says where each claim is made ("Study")
   * @param figures the heading above the figures that have no number ("Beyond the study")
   * @param budget what the claims were first measured with, shown beside this run's budget so a
   *     reader sees what "not held" is measured against; null when the words name no such budget
   */
  record Wording(String title, String claims, String tests, String beyond, String explanation, String source, String figures, Budget budget) {
    /** The report's own words, for a run whose probes' figures give none. */
    public static final Wording PLAIN = new Wording("Claims", "the claims", "the same tests to other numbers", "beyond the claims",
        "Tests applied to numbers the claims are not about: comparisons, not claims, and not counted above.", "Source", "Figures");

    /** Words without a budget (as plugins written before {@code budget} give them). */
    public Wording(String title, String claims, String tests, String beyond, String explanation, String source, String figures) {
      this(title, claims, tests, beyond, explanation, source, figures, null);
    }
  }

  /**
   * A training and evaluation budget in words, one cell each of the page's budget table, e.g. the
   * study's: who ("the study"), iterations per model, training images, test images, seeds.
   */
  record Budget(String who, String iterations, String trainImages, String testImages, String seeds) {}

  /** Adds a figure; the report orders figures by their study number. */
  void figure(Figure figure);

  /** Adds a row to the table of claims. */
  void claim(Claim claim);
}
