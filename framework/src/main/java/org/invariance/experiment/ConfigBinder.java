package org.invariance.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.invariance.config.ConfigMapper;
import org.invariance.config.DidYouMean;
import org.invariance.config.InvalidConfig;

/**
 * Binds a section of the experiment tree to a typed record (snake_case keys, no unknown keys, no
 * silent coercions) and turns every Jackson complaint into a {@link ConfigException} that names the
 * file, line, column and field.
 */
public final class ConfigBinder {
  /** Strict mapper for config records: {@link ConfigMapper#MAPPER}, the one every config record binds with. */
  public static final ObjectMapper MAPPER = ConfigMapper.MAPPER;

  private final Locations locations;

  public ConfigBinder(Locations locations) {
    this.locations = locations;
  }

  public Locations locations() {
    return locations;
  }

  /**
   * Every key of a mapping bound to a record must be one of its properties, checked before binding:
   * Jackson would first call the record's constructor, whose complaint about a missing required key
   * would hide the misspelt one. The error stands at the unknown key's own line and suggests the
   * nearest known key.
   */
  static void checkKeys(JsonNode node, String pointer, JavaType type, ConfigBinder binder) {
    Class<?> raw = type.getRawClass();
    if (node == null || !node.isObject() || !raw.isRecord()) return;
    Map<String, JavaType> known = new TreeMap<>();
    for (var p : MAPPER.getDeserializationConfig().introspect(type).findProperties()) known.put(p.getName(), p.getPrimaryType());
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String at = pointer + "/" + Locations.escape(e.getKey());
      JavaType child = known.get(e.getKey());
      if (child == null) throw binder.error(at, "unknown key '" + e.getKey() + "'" + suggestion(e.getKey(), known.keySet()) + "; known keys: " + String.join(", ", known.keySet()));
      checkKeys(e.getValue(), at, child, binder);
    }
  }

  /** " (did you mean 'iterations'?)" when a known key is a typo away from the unknown one. */
  static String suggestion(String unknown, Collection<String> known) {
    return DidYouMean.suggest(unknown, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  private void checkKeys(JsonNode node, String pointer, JavaType type) {
    checkKeys(node, pointer, type, this);
  }

  /** Binds {@code node} (found at {@code pointer}) to {@code type}. */
  public <T> T bind(JsonNode node, String pointer, Class<T> type) {
    checkKeys(node, pointer, MAPPER.constructType(type));
    try {
      return MAPPER.treeToValue(node, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      String at = pointer + pathOf(e);
      if (cause instanceof InvalidConfig ic) throw error(at + "/" + ic.field().replace('.', '/'), ic.getMessage());
      throw error(at, cause == null ? e.getOriginalMessage() : cause.getMessage());
    } catch (UnrecognizedPropertyException e) {
      Collection<Object> known = e.getKnownPropertyIds();
      String list = known == null ? "" : known.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).toString();
      throw error(pointer + pathOf(e), "unknown key '" + e.getPropertyName() + "'" + (list.isEmpty() ? "" : "; known keys: " + list.substring(1, list.length() - 1)));
    } catch (InvalidFormatException e) {
      throw error(pointer + pathOf(e), "expected " + describe(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (MismatchedInputException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Missing required creator property")) {
        String name = msg.replaceAll(".*'([^']*)'.*", "$1");
        String path = pathOf(e);
        if (!path.endsWith("/" + Locations.escape(name))) path = path + "/" + Locations.escape(name);
        throw error(pointer + path, "required key is missing");
      }
      String got = valueAt(node, pathOf(e));
      throw error(pointer + pathOf(e), "expected " + describe(e.getTargetType()) + (got == null ? "" : ", got " + got));
    } catch (JsonMappingException e) {
      throw error(pointer + pathOf(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw error(pointer, e.getOriginalMessage());
    } catch (InvalidConfig e) {
      throw error(pointer + "/" + e.field().replace('.', '/'), e.getMessage());
    }
  }

  /** A ConfigException at the place of {@code pointer}. */
  public ConfigException error(String pointer, String problem) {
    Locations.Place p = locations.find(pointer);
    return new ConfigException(p.source(), p.line(), p.column(), Locations.dotted(pointer), problem);
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) b.append('/').append(Locations.escape(r.getFieldName()));
      else if (r.getIndex() >= 0) b.append('/').append(r.getIndex());
    }
    return b.toString();
  }

  private static String valueAt(JsonNode root, String relPointer) {
    JsonNode n = relPointer.isEmpty() ? root : root.at(relPointer);
    if (n == null || n.isMissingNode()) return null;
    if (n.isObject()) return "a mapping";
    if (n.isArray()) return "a list";
    return "'" + n.asText() + "'";
  }

  static String describe(Class<?> t) {
    if (t == null) return "another type";
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "an integer";
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
    if (t == boolean.class || t == Boolean.class) return "true or false";
    if (t == String.class) return "a string";
    if (t.isEnum()) {
      Object[] values = t.getEnumConstants();
      StringBuilder b = new StringBuilder("one of ");
      for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ", ").append(values[i].toString());
      return b.toString();
    }
    if (List.class.isAssignableFrom(t) || Collection.class.isAssignableFrom(t) || t.isArray()) return "a list";
    if (Map.class.isAssignableFrom(t) || t.isRecord()) return "a mapping";
    return "a " + t.getSimpleName();
  }
}
