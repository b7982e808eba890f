package org.invariance.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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

  /** Adds a figure; the report orders figures by their study number. */
  void figure(Figure figure);

  /** Adds a row to the table of claims. */
  void claim(Claim claim);
}
