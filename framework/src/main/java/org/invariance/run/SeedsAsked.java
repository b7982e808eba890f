package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.invariance.config.Seeds;

/**
 * The seeds one model's training or one probe derived ({@link Seeds#derive}), by the purpose handed
 * to it, for provenance: sorted by purpose, so a plugin that asks from several threads, or twice,
 * records the same block every run.
 */
final class SeedsAsked {
  private final long seed;
  private final Map<String, Long> asked = new TreeMap<>();

  SeedsAsked(long seed) {
    this.seed = seed;
  }

  /** {@link Seeds#derive}, remembered. */
  synchronized long derive(String purpose) {
    long s = Seeds.derive(seed, purpose);
    asked.put(purpose, s);
    return s;
  }

  /** purpose -> seed, as {@code Seeds.derive(experiment seed, purpose)} gives it again. */
  synchronized ObjectNode json() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    asked.forEach(n::put);
    return n;
  }

  /** A block read back (a stored model's record); an empty one when it has none (a model stored before seeds were recorded). */
  static ObjectNode copyOf(JsonNode recorded) {
    return recorded instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
  }
}
