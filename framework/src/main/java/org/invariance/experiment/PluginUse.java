package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One use of a plugin in an experiment: its id in the file ("AER", "accuracy"), the plugin's name,
 * its bound config record, and the resolved config as a tree (for provenance and cache keys).
 */
public record PluginUse(String id, String plugin, Object config, JsonNode configTree, String pointer) {
  @SuppressWarnings("unchecked")
  public <C> C config(Class<C> type) {
    return (C) type.cast(config);
  }
}
