package org.invariance.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsCsvTest {
  @TempDir Path dir;

  @Test
  void theScopeIsWrittenAndReadBack() throws IOException {
    Claim study = new Claim("s, with a comma", "Figure 9", "AER", "1, 2", "< 1", true).withValue("ratio", 0.5);
    Claim beyond = new Claim("s, with a comma", "Figure 9", "AEUR", "3", "< 1", false).beyondStudy();
    Path f = dir.resolve("claims.csv");
    ClaimsCsv.write(f, "r1", 7, List.of(study, beyond));
    assertEquals("run_id,seed,statement,source,model,measured,test,held,quantity,value,threshold,scope", Files.readAllLines(f).get(0));
    assertTrue(Files.readAllLines(f).get(2).endsWith(",false,,,,beyond"), Files.readAllLines(f).get(2));
    List<Claim> back = ClaimsCsv.read(f);
    assertEquals(study, back.get(0));
    assertEquals(Claim.Scope.BEYOND, back.get(1).scope());
    assertEquals(beyond.withValue("", Double.NaN).toString(), back.get(1).toString());
  }

  @Test
  void aFileWrittenBeforeTheScopeColumnReadsAsTheStudysClaims() throws IOException {
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, "statement,source,model,measured,test,held,quantity,value\nx,Figure 2,AER,m,t,true,q,0.25\n");
    List<Claim> back = ClaimsCsv.read(f);
    assertEquals(List.of(new Claim("x", "Figure 2", "AER", "m", "t", true, "q", 0.25)), back);
    assertTrue(back.get(0).isStudy());
  }

  @Test
  void everyRowStartsWithTheRunAndSeedAndCarriesItsThreshold() throws IOException {
    Claim tie = new Claim("a ≈ b", "Figure 2", "A vs B", "d = 0.01", "|d| <= 0.03 (claim_tie)", true, "d", 0.01, Claim.Scope.STUDY, 0.03);
    Claim none = new Claim("no threshold", "Figure 9", "AER", "m", "a ranking", false, "q", 2, Claim.Scope.BEYOND);
    Path f = dir.resolve("claims.csv");
    ClaimsCsv.write(f, "20261125-220138-e76d0d61/seed=2", 2, List.of(tie, none, tie.withThreshold(3)));
    List<String> lines = Files.readAllLines(f);
    // (the CSV writer quotes cells with spaces or signs; none here holds a quote)
    assertEquals("20261125-220138-e76d0d61/seed=2,2,a ≈ b,Figure 2,A vs B,d = 0.01,|d| <= 0.03 (claim_tie),true,d,0.01,0.03,study", lines.get(1).replace("\"", ""));
    assertTrue(lines.get(2).endsWith(",2.0,,beyond"), "no threshold: an empty cell; " + lines.get(2));
    assertTrue(lines.get(3).endsWith(",0.01,3,study"), "a whole number without a fraction, as the CSVs write them; " + lines.get(3));
    List<Claim> back = ClaimsCsv.read(f);
    assertEquals(List.of(tie, none, tie.withThreshold(3)), back);
    assertEquals(0.03, back.get(0).threshold());
    assertTrue(Double.isNaN(back.get(1).threshold()));
  }

  @Test
  void aFileWrittenBeforeRunIdSeedAndThresholdReadsWithoutThresholds() throws IOException {
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, "statement,source,model,measured,test,held,quantity,value,scope\nx,Figure 2,AER,m,t,true,q,0.25,beyond\n");
    List<Claim> back = ClaimsCsv.read(f);
    assertEquals(List.of(new Claim("x", "Figure 2", "AER", "m", "t", true, "q", 0.25, Claim.Scope.BEYOND)), back);
    assertTrue(Double.isNaN(back.get(0).threshold()));
  }

  @Test
  void anUnknownScopeIsAnError() throws IOException {
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, "statement,source,model,measured,test,held,quantity,value,scope\nx,Figure 2,AER,m,t,true,q,0.25,elsewhere\n");
    IOException e = assertThrows(IOException.class, () -> ClaimsCsv.read(f));
    assertTrue(e.getMessage().contains(":2: scope: expected study or beyond, got 'elsewhere'"), e.getMessage());
  }

  @Test
  void theOldConstructorsMakeTheStudysClaimsAndKeepTheirScopeThroughWithValue() {
    assertEquals(Claim.Scope.STUDY, new Claim("a", "b", "c", "d", "e", true).scope());
    assertEquals(Claim.Scope.STUDY, new Claim("a", "b", "c", "d", "e", true, "q", 1).scope());
    assertEquals(Claim.Scope.STUDY, new Claim("a", "b", "c", "d", "e", true, "q", 1, null).scope(), "null is the study's");
    assertEquals(Claim.Scope.BEYOND, new Claim("a", "b", "c", "d", "e", true).beyondStudy().withValue("q", 2).scope());
    assertTrue(Double.isNaN(new Claim("a", "b", "c", "d", "e", true, "q", 1, Claim.Scope.STUDY).threshold()), "the old canonical constructor: no threshold");
    assertEquals(0.5, new Claim("a", "b", "c", "d", "e", true).withThreshold(0.5).beyondStudy().withValue("q", 2).threshold(), "kept through with*");
  }
}
