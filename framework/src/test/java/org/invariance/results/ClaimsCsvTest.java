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
    ClaimsCsv.write(f, List.of(study, beyond));
    assertEquals("statement,source,model,measured,test,held,quantity,value,scope", Files.readAllLines(f).get(0));
    assertTrue(Files.readAllLines(f).get(2).endsWith(",false,,,beyond"), Files.readAllLines(f).get(2));
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
  }
}
