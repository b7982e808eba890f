package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.invariance.config.DidYouMean;
import org.invariance.plugin.Plugin;

/**
 * One section of the file bound to its plugin, the same way for data, transforms, models and
 * probes: the framework's own keys taken out, the plugin named (or defaulted) and known, its config
 * bound; and the names sections are given, which become file names.
 */
final class PluginSections {
  /** The longest name: it goes into file names with a store key and suffixes, which file systems cap at 255 bytes. */
  static final int MAX_NAME = 100;

  private PluginSections() {}

  /** Moves the framework's own keys out of a plugin section, so each side binds only its keys. */
  static ObjectNode take(ObjectNode node, String... keys) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String k : keys) if (node.has(k)) out.set(k, node.remove(k));
    return out;
  }

  static void checkName(String name, String pointer, ConfigBinder binder) {
    if (!name.matches("[A-Za-z0-9._+-]+")) throw binder.error(pointer, "use letters, digits, '.', '_', '+' or '-' in a name (it appears in file names and results), got '" + name + "'");
    checkLength(name, pointer, binder);
  }

  /** A name that starts with '.' would be hidden or climb out of its folder ("..", "."); one too long names no file. */
  static void checkLength(String name, String pointer, ConfigBinder binder) {
    if (name.startsWith(".")) throw binder.error(pointer, "a name may not start with '.' (it names files and folders: '.' and '..' are not names of their own), got '" + name + "'");
    if (name.length() > MAX_NAME) throw binder.error(pointer, "a name of " + name.length() + " characters is too long for the file names made from it; at most " + MAX_NAME);
  }

  static ObjectNode section(JsonNode node, String pointer, ConfigBinder binder) {
    if (node == null || !node.isObject()) throw binder.error(pointer, "expected a mapping with a 'plugin' key");
    return ((ObjectNode) node).deepCopy();
  }

  static PluginUse use(String id, ObjectNode node, String pointer, String defaultPlugin, Map<String, ? extends Plugin<?>> plugins, String kind, ConfigBinder binder) {
    JsonNode name = node.remove("plugin");
    String pluginName;
    if (name == null) {
      if (defaultPlugin == null) throw binder.error(pointer + "/plugin", "required key is missing; known " + kind + ": " + String.join(", ", plugins.keySet()));
      pluginName = defaultPlugin;
    } else if (!name.isTextual()) {
      throw binder.error(pointer + "/plugin", "expected a plugin name; known " + kind + ": " + String.join(", ", plugins.keySet()));
    } else {
      pluginName = name.asText();
    }
    Plugin<?> plugin = plugins.get(pluginName);
    if (plugin == null) {
      throw binder.error(name == null ? pointer : pointer + "/plugin", "unknown plugin '" + pluginName + "'"
          + DidYouMean.suggest(pluginName, plugins.keySet()).map(k -> " (did you mean '" + k + "'?)").orElse("") + "; known " + kind + ": "
          + (plugins.isEmpty() ? "(none on the class path)" : String.join(", ", plugins.keySet())));
    }
    Object config = binder.bind(node, pointer, plugin.configType());
    JsonNode resolvedTree = ConfigBinder.MAPPER.valueToTree(config);
    return new PluginUse(id, pluginName, config, resolvedTree, pointer);
  }
}
