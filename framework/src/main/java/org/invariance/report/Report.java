package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.results.Figure;

/**
 * Writes {@code report/index.html} for a run directory: what was run (from provenance.json), the
 * table of claims (its headline counts those of {@link Claim.Scope#STUDY} only; rows that apply the
 * same tests beyond what was analysed come apart, labelled, below them), and every figure, ordered
 * by number. It reads only the run directory, so a report can be redrawn without recomputing.
 * Figures come from the {@link Figures} registered under each probe's plugin name; the report never
 * names a probe, and the words around the claims and figures are those the probes' figures give for
 * their setting ({@link Figures#wording}; a study's plugins give the study's), else plain ones. The
 * page embeds its images (it opens from disk, alone); the PNGs are also kept in
 * {@code report/figures/} for papers.
 *
 * <p>This class orders the work; the parts are {@link RunInputs} (reading), {@link ProbeFigures}
 * (each probe's figures through a {@link FiguresContext}), {@link ReportPage} (the HTML) and
 * {@link ClaimsCsv} (the claims a sweep counts).
 */
public final class Report {
  /**
   * What was written; {@code failures} lists probes whose figures could not be drawn. {@code claims}
   * and {@code held} count the claims of {@link Claim.Scope#STUDY} only; {@code beyond} counts the
   * rows of {@link Claim.Scope#BEYOND} (the same tests on numbers the claims are not about),
   * {@code beyondHeld} those of them that held.
   */
  public record Outcome(Path index, int figures, int claims, int held, List<String> failures, int beyond, int beyondHeld) {}

  /** Where a run's judged claims are written, beside the page: what a sweep counts across seeds. */
  public static Path claimsFile(Path runDir) {
    return runDir.resolve("report").resolve("claims.csv");
  }

  private final Map<String, Figures> figures;

  public Report(Map<String, Figures> figures) {
    this.figures = figures;
  }

  /**
   * A run directory the report cannot read whole: a CSV with a bad row, a provenance.json that is
   * not JSON. {@link #getMessage()} is one line naming the file and, where it can, the line
   * ({@code <file>:<line>: <problem>}); nothing was written, the report that was there is kept.
   */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Draws every probe's figures (each probe's CSVs read whole first, one probe at a time, so only
   * one probe's tables are held), then writes the page and the claims. Nothing is written unless
   * every file could be read: a file that cannot be (provenance.json, a probe's CSV, training.csv)
   * is an {@link Unreadable} and the report that was there stays. A figures plugin that throws is
   * listed on the page as missing figures, naming the plugin and its jar.
   */
  public Outcome write(Path runDir) throws IOException {
    Path provFile = runDir.resolve("provenance.json");
    if (!Files.isRegularFile(provFile)) throw new IOException(provFile + ": not found; is " + runDir + " a run directory?");
    JsonNode prov = RunInputs.provenance(provFile);
    ReportContext.Wording wording = ProbeFigures.wording(prov, figures);

    ProbeFigures probes = new ProbeFigures(figures);
    probes.drawAll(runDir, provFile, prov);
    List<Figure> drawn = probes.drawn;
    List<Claim> claims = probes.claims;
    try {
      drawn.addAll(TrainingFigure.draw(runDir.resolve("training.csv")));
    } catch (IOException e) {
      throw new Unreadable(e.getMessage(), e);
    }
    probes.said.forEach(Runnable::run);
    drawn.sort(Comparator.comparing(Figure::number, Comparator.nullsLast(Report::compareNumbers)));

    Path dir = runDir.resolve("report");
    Path pngDir = dir.resolve("figures");
    Files.createDirectories(pngDir);
    StringBuilder html = new StringBuilder(1 << 20);
    ReportPage.write(html, prov, drawn, claims, probes.failures, pngDir, wording);
    // the run's id and seed as its other CSVs write them; a run recorded before run_id is named by its directory
    String runId = prov.path("run_id").asText(runDir.toAbsolutePath().normalize().getFileName().toString());
    ClaimsCsv.write(claimsFile(runDir), runId, prov.path("seed").asLong(), claims);
    Path index = dir.resolve("index.html");
    AtomicWrite.text(index, html);
    int study = (int) claims.stream().filter(Claim::isStudy).count();
    int held = (int) claims.stream().filter(c -> c.isStudy() && c.held()).count();
    int beyondHeld = (int) claims.stream().filter(c -> !c.isStudy() && c.held()).count();
    return new Outcome(index, drawn.size(), study, held, probes.failures, claims.size() - study, beyondHeld);
  }

  /**
   * The words of a run's page: the first a probe's figures give for that probe's setting, in the
   * run's order ({@link Figures#wording}), else {@link ReportContext.Wording#PLAIN}. A sweep's page
   * asks one of its points.
   */
  public static ReportContext.Wording wording(Path runDir, Map<String, Figures> figures) throws IOException {
    return ProbeFigures.wording(RunInputs.provenance(runDir.resolve("provenance.json")), figures);
  }

  /** "2" < "3" < "5a" < "5b" < "10": by number, then by suffix. */
  static int compareNumbers(String a, String b) {
    int c = Integer.compare(leadingInt(a), leadingInt(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int leadingInt(String s) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(s.substring(0, i));
  }
}
