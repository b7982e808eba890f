package org.invariance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.results.Provenance;
import picocli.CommandLine;

/** {@code --version}: the build's version, commit and time (build.properties, else "unknown"). */
final class Version implements CommandLine.IVersionProvider {
  /** A full hash, shortened as git does (abc1234), a "-dirty" mark kept. */
  private static final Pattern FULL_HASH = Pattern.compile("([0-9a-f]{7})[0-9a-f]{33}(.*)");

  @Override
  public String[] getVersion() {
    ObjectNode b = Provenance.build();
    String commit = b.path("commit").asText("unknown");
    Matcher m = FULL_HASH.matcher(commit);
    if (m.matches()) commit = m.group(1) + m.group(2);
    return new String[] {"invariance " + b.path("version").asText("unknown") + " (commit " + commit + ", built " + b.path("built").asText("unknown") + ")"};
  }

  /** The build's version ("0.1.0-SNAPSHOT"), which a generated plugin's pom names; "unknown" outside a build. */
  static String number() {
    return Provenance.build().path("version").asText("unknown");
  }
}
