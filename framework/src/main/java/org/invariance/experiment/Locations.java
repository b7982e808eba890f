package org.invariance.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML document stands, by JSON pointer ({@code /encoders/AER/iterations}).
 * Binding happens on a tree (after --set overrides), so Jackson's own locations are lost; this index
 * gives every error the line of the key the researcher typed. Keys set on the command line point at
 * the override instead.
 */
public final class Locations {
  /** One place in a source: a file or "--set heads.lr=0.1". */
  public record Place(String source, int line, int column) {}

  private final Map<String, Place> places = new HashMap<>();
  private final String source;

  private Locations(String source) {
    this.source = source;
  }

  static Locations index(String source, JsonParser parser) throws IOException {
    Locations l = new Locations(source);
    if (parser.nextToken() != null) l.walk(parser, "");
    return l;
  }

  static Locations empty(String source) {
    return new Locations(source);
  }

  private void walk(JsonParser p, String pointer) throws IOException {
    places.putIfAbsent(pointer, place(p.currentTokenLocation()));
    if (p instanceof YAMLParser y && y.getTypeId() != null) {
      // a tag such as !!java.io.File asks for a type: an experiment is plain data
      Place at = place(p.currentTokenLocation());
      throw new ConfigException(source, at.line(), at.column(), dotted(pointer), "YAML tags (!" + y.getTypeId() + ") are not supported: an experiment is plain data");
    }
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      // Jackson would read an alias as its anchor's name, silently: say so instead (and no alias can expand)
      Place at = place(p.currentTokenLocation());
      throw new ConfigException(source, at.line(), at.column(), dotted(pointer), "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
    }
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = pointer + "/" + escape(p.currentName());
        places.put(child, place(p.currentTokenLocation()));
        p.nextToken();
        walk(p, child);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) walk(p, pointer + "/" + i++);
    }
  }

  private Place place(JsonLocation loc) {
    return new Place(source, loc.getLineNr(), loc.getColumnNr());
  }

  /** Records that an override replaced the value at {@code pointer} (and everything below it). */
  void override(String pointer, String text) {
    override(pointer, new Place(text, 0, 0));
  }

  /** Records that the value at {@code pointer} (and below) now comes from {@code place} (a sweep's line). */
  void override(String pointer, Place place) {
    places.keySet().removeIf(k -> k.equals(pointer) || k.startsWith(pointer + "/"));
    places.put(pointer, place);
  }

  /** An independent copy, for one point of a sweep. */
  Locations copy() {
    Locations l = new Locations(source);
    l.places.putAll(places);
    return l;
  }

  /** Whether the key or item at {@code pointer} is written in the file (a default is not). */
  public boolean has(String pointer) {
    return places.containsKey(pointer);
  }

  /** The place of the pointer, or of its nearest ancestor that has one (a missing key's parent). */
  public Place find(String pointer) {
    String p = pointer;
    while (true) {
      Place found = places.get(p);
      if (found != null) return found;
      if (p.isEmpty()) return new Place(source, 0, 0);
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  public String source() {
    return source;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** "/encoders/AER/iterations" -> "encoders.AER.iterations"; list indices as [i]. */
  public static String dotted(String pointer) {
    StringBuilder b = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) continue;
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) b.append('[').append(key).append(']');
      else {
        if (b.length() > 0) b.append('.');
        b.append(key);
      }
    }
    return b.toString();
  }
}
