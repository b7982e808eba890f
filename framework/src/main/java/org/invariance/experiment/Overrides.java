package org.invariance.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/**
 * Command-line overrides in the dotted style researchers know: {@code --set heads.lr=0.1},
 * {@code --set encoders.AER.iterations=500}, {@code --set transform.mix=[-45,0,45]}. The value is
 * read as a YAML flow value, so numbers stay numbers and lists stay lists.
 */
public final class Overrides {
  private Overrides() {}

  /** Sets a dotted key to a value (a sweep's point); the value's place is where the sweep lists it. */
  static void set(ObjectNode doc, String key, JsonNode value, Locations locations, Locations.Place place) {
    String[] parts = key.split("\\.");
    ObjectNode node = doc;
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      pointer.append('/').append(Locations.escape(parts[i]));
      if (i == parts.length - 1) {
        node.set(parts[i], value.deepCopy());
      } else {
        JsonNode next = node.get(parts[i]);
        if (next == null || next.isNull()) {
          next = node.putObject(parts[i]);
          locations.override(pointer.toString(), place); // a mapping only the sweep makes stands where the sweep names it
        }
        if (!next.isObject()) throw new ConfigException(place.source(), place.line(), place.column(), key, "'" + parts[i] + "' is not a mapping, it cannot hold '" + parts[i + 1] + "'");
        node = (ObjectNode) next;
      }
    }
    locations.override(pointer.toString(), place);
  }

  static void apply(ObjectNode doc, String override, Locations locations) {
    apply(doc, override, locations, "--set " + override);
  }

  /** @param where how the override was written, for errors ("--set heads.lr=0.1", "test_limit=0") */
  static void apply(ObjectNode doc, String override, Locations locations, String where) {
    int eq = override.indexOf('=');
    if (eq <= 0) throw new ConfigException(where, 0, 0, null, "expected KEY=VALUE, e.g. heads.lr=0.1");
    String key = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1);
    JsonNode value;
    if (raw.length() > ExperimentLoader.MAX_BYTES) throw new ConfigException(where, 0, 0, key, "the value is longer than 1 MiB, the most an experiment file may hold");
    try {
      if (raw.isBlank()) {
        value = TextNode.valueOf("");
      } else {
        // read as the experiment file is: bounded, and aliases or tags refused (never read as the anchor's name or a type)
        try (JsonParser p = ExperimentYaml.YAML.createParser(raw)) {
          Locations.index(where, p);
        } catch (ConfigException e) {
          throw new ConfigException(where, 0, 0, key, e.problem());
        }
        value = ExperimentYaml.TREE.readTree(raw);
      }
    } catch (StreamConstraintsException e) {
      throw new ConfigException(where, 0, 0, key, "the value is nested deeper than " + ExperimentLoader.MAX_DEPTH + " levels");
    } catch (JsonProcessingException e) {
      throw new ConfigException(where, 0, 0, key, "the value is not valid YAML");
    } catch (IOException e) {
      throw new ConfigException(where, 0, 0, key, "the value cannot be read (" + e.getMessage() + ")");
    }
    if (value == null || value.isMissingNode()) value = TextNode.valueOf(raw);
    String[] parts = key.split("\\.");
    ObjectNode node = doc;
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) throw new ConfigException(where, 0, 0, key, "empty key segment");
      pointer.append('/').append(Locations.escape(part));
      if (i == parts.length - 1) {
        node.set(part, value);
      } else {
        JsonNode next = node.get(part);
        if (next == null || next.isNull()) {
          next = node.putObject(part);
          locations.override(pointer.toString(), where); // a mapping only the override makes (a misspelt section) stands at the override
        }
        if (!next.isObject()) throw new ConfigException(where, 0, 0, key, "'" + part + "' is not a mapping, it cannot hold '" + parts[i + 1] + "'");
        node = (ObjectNode) next;
      }
    }
    locations.override(pointer.toString(), where);
  }
}
