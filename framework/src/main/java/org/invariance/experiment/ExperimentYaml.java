package org.invariance.experiment;

import static org.invariance.experiment.ExperimentLoader.MAX_BYTES;
import static org.invariance.experiment.ExperimentLoader.MAX_DEPTH;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The experiment file read and parsed, within bounds, into a tree and where each of its keys
 * stands. Kept apart from what the sections mean: everything the reader or parser can say is
 * turned here into one plain line at its place, never in Jackson's or SnakeYAML's terms.
 */
final class ExperimentYaml {
  /** The bounded YAML reader of experiment files, shared by {@code --set} values. */
  static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .loaderOptions(yamlLimits())
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();
  static final ObjectMapper TREE = new YAMLMapper(YAML);

  /** A parsed text: its tree (null or missing when the text holds no document) and where its keys stand. */
  record Parsed(JsonNode root, Locations locations) {}

  private ExperimentYaml() {}

  /**
   * SnakeYAML's bounds. Jackson reads YAML as a stream of events and never composes a node graph,
   * so no alias is ever expanded (Locations refuses every alias and tag, and tags build no types)
   * and nesting is bounded by the StreamReadConstraints above; the composer's limits are set all the
   * same, and the code-point limit does act, behind the size check.
   */
  private static LoaderOptions yamlLimits() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_BYTES);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setMaxAliasesForCollections(0);
    o.setAllowRecursiveKeys(false);
    return o;
  }

  /** An experiment's text, named {@code source} in errors; every problem a {@link ConfigException} at its line. */
  static Parsed parse(String source, String text) {
    if (text.length() > MAX_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) throw tooLarge(source);
    JsonNode root;
    Locations locations;
    JsonParser tree = null;
    try {
      tree = YAML.createParser(text);
      try (JsonParser p = tree) {
        root = TREE.readTree(p);
      }
      try (JsonParser p = YAML.createParser(text)) {
        locations = Locations.index(source, p);
      }
    } catch (StreamConstraintsException e) {
      // a bound of the YAML factory: said in words, where the parser stands (Jackson gives no location)
      JsonLocation at = tree == null ? null : tree.currentLocation();
      String problem = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Document nesting depth")
          ? "nested deeper than " + MAX_DEPTH + " levels" : "not valid YAML: " + firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
      throw new ConfigException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null, problem);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof YAMLException y && !(y instanceof MarkedYAMLException)
          && String.valueOf(y.getMessage()).startsWith("The incoming YAML document exceeds the limit")) throw tooLarge(source); // (a marked error quotes the text)
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int col = loc == null ? 0 : loc.getColumnNr();
      String problem = firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
        // SnakeYAML's first line is only its context ("while scanning a quoted scalar"): say the problem first
        problem = firstLine(m.getProblem()) + (m.getContext() == null ? "" : " (" + firstLine(m.getContext()) + ")");
      } else if (e.getCause() instanceof NumberFormatException n) {
        // found by fuzzing: "\x" at the end of the file reached Jackson as "... due to (java.lang.NumberFormatException)"
        problem = String.valueOf(n.getMessage()).contains("radix 16") ? "an escape (\\x, \\u or \\U) without its hexadecimal digits" : "a number that cannot be read";
      }
      problem = problem.replaceAll("\\s*\\((?:java|javax|com|org)\\.[\\w.$]+\\)", ""); // no Java class names, whatever the parser says
      Matcher dup = Pattern.compile("Duplicate field '([^']*)'").matcher(problem);
      if (dup.find() && line > 0) col = keyColumn(text, line, dup.group(1), col); // Jackson stands just past the key
      Matcher alias = Pattern.compile("snakeyaml\\.events\\.AliasEvent\\(anchor=([^)]*)\\)").matcher(problem);
      if (alias.find()) throw new ConfigException(source, line, col, null, "YAML aliases (*" + alias.group(1) + ") are not supported: write the value out");
      throw new ConfigException(source, line, col, null, "not valid YAML: " + yamlWords(problem));
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot read: " + e.getMessage());
    }
    return new Parsed(root, locations);
  }

  /** A text the framework wrote itself (a data section from the command line): it always parses. */
  static Parsed generated(String source, String text) {
    try (JsonParser p = YAML.createParser(text); JsonParser q = YAML.createParser(text)) {
      JsonNode root = TREE.readTree(p);
      return new Parsed(root, Locations.index(source, q));
    } catch (IOException e) {
      throw new IllegalStateException("the generated data section does not parse: " + text, e);
    }
  }

  /** The experiment file as text; what goes wrong said in plain words (no such file, not UTF-8 at byte N). */
  static String readText(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw new ConfigException(source, 0, 0, null, "is a directory, not an experiment file");
      if (Files.size(file) > MAX_BYTES) throw tooLarge(source);
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, 0, 0, null, "no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(source, 0, 0, null, "not readable (permission denied)");
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot be read: " + e.getMessage());
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = utf8.decode(in, out, true);
    if (r.isError()) {
      throw new ConfigException(source, 0, 0, null, String.format("not UTF-8 text (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position()));
    }
    utf8.flush(out);
    return out.flip().toString();
  }

  private static ConfigException tooLarge(String source) {
    return new ConfigException(source, 0, 0, null, "the file is larger than " + (MAX_BYTES >> 20) + " MiB; an experiment file is a few KiB");
  }

  /** The column where {@code key} starts on a line of the text (1-based), else {@code fallback}. */
  private static int keyColumn(String text, int line, String key, int fallback) {
    List<String> lines = text.lines().toList();
    if (line > lines.size()) return fallback;
    Matcher m = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:").matcher(lines.get(line - 1));
    return m.find() ? m.start() + m.group(1).length() + 1 : fallback;
  }

  /** SnakeYAML's events in Jackson's complaints ("got this instead: <org.yaml.snakeyaml.events.SequenceStartEvent(...)>") in words. */
  private static String yamlWords(String problem) {
    Matcher m = Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event(\\(.*\\)>?)?").matcher(problem);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String what = switch (m.group(1)) {
        case "MappingStart" -> "a mapping";
        case "SequenceStart" -> "a list";
        case "Scalar" -> "a value";
        case "MappingEnd" -> "the end of a mapping";
        case "SequenceEnd" -> "the end of a list";
        default -> "the end of the document";
      };
      m.appendReplacement(b, Matcher.quoteReplacement(what));
    }
    m.appendTail(b);
    return b.toString().replace("Expected a field name (Scalar value in YAML), got this instead:", "expected a key, got");
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
