package org.invariance.study;

import java.util.Optional;
import org.invariance.plugin.ReportContext;

/**
 * The seed study's identity, declared once: "Measuring rotation invariance in pre-trained
 * multi-layer perceptrons" (Winklmayr; {@code shared/seed/study.md}) measured MNIST digits under the
 * rotation plugin's transform on a pair of classifiers made by the frozen-head plugin (AER and AEUR).
 * Results in that setting repeat the study, so its figure numbers and claims apply to them; the
 * report then words its claims and figures as the study's ({@link #WORDING}). The framework names
 * none of this: its figures plugins ask here ({@link StudyFigures}).
 */
public final class SeedStudy {
  /** The data's name as its source records it. */
  public static final String DATA = "MNIST";
  /** The plugin that makes the study's transform. */
  public static final String TRANSFORM_PLUGIN = "rotation";
  /** The plugin that makes each of the study's models; the study compares at least two. */
  public static final String MODEL_PLUGIN = "frozen-head";

  /** How the report speaks of the study's claims and of figures beyond it. */
  public static final ReportContext.Wording WORDING = new ReportContext.Wording(
      "The study's claims",
      "the study's claims",
      "the study's tests beyond what it analysed",
      "beyond the study",
      "The study's tests applied to numbers it did not analyse (a claim it makes about one model, tested on another): "
          + "comparisons, not the study's claims, and not counted above.",
      "Study",
      "Beyond the study",
      // section 2 of the study: the autoencoders' and the heads' training, and its test set
      new ReportContext.Budget("the study", "autoencoders 380,000 (batch 1,000); heads 1,000 (batch 128)", "100,000 upright (heads)",
          "10,000 (MNIST test set)", "1 (none reported)"));

  private SeedStudy() {}

  /**
   * Whether results in this setting repeat the study: its data, a transform made by its transform
   * plugin, and at least two models, each made by its model plugin.
   */
  public static boolean repeats(ReportContext.Setting setting) {
    return setting.is(DATA, TRANSFORM_PLUGIN, MODEL_PLUGIN);
  }

  /** The study's wording for results that repeat it; none otherwise. */
  public static Optional<ReportContext.Wording> wording(ReportContext.Setting setting) {
    return repeats(setting) ? Optional.of(WORDING) : Optional.empty();
  }
}
