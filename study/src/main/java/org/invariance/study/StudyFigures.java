package org.invariance.study;

import java.util.Optional;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;

/**
 * Figures that draw the seed study's figures and judge its claims in its setting
 * ({@link SeedStudy#repeats}): the report then words the page as the study's.
 */
public interface StudyFigures extends Figures {
  @Override
  default Optional<ReportContext.Wording> wording(ReportContext.Setting setting) {
    return SeedStudy.wording(setting);
  }
}
