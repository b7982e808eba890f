package org.invariance.experiment;

import java.util.List;
import java.util.Set;
import org.invariance.config.DidYouMean;
import org.invariance.config.WatchConfig;
import org.invariance.plugin.PluginRegistry;

/**
 * What the {@code watch:} section names, checked when the experiment is loaded rather than when a
 * model starts training: its training probes are on the class path and its models are declared.
 */
final class WatchReferences {
  private WatchReferences() {}

  /** The watch's probes and models must exist; no probes named means every training probe there is. */
  static WatchConfig check(WatchConfig w, Set<String> models, PluginRegistry registry, ConfigBinder binder) {
    Set<String> known = registry.trainingProbes().keySet();
    if (w.probes() == null && known.isEmpty()) throw binder.error("/watch", "no plugin on the class path offers a training probe (a plugin offers one with trainingProbe(name) in its PluginModule)");
    List<String> probes = w.probes() == null ? List.copyOf(known) : w.probes();
    for (int i = 0; w.probes() != null && i < probes.size(); i++) {
      if (!known.contains(probes.get(i))) {
        throw binder.error("/watch/probes/" + i, "no training probe named '" + probes.get(i) + "'" + DidYouMean.suggest(probes.get(i), known).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; training probes: " + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    for (int i = 0; w.models() != null && i < w.models().size(); i++) {
      if (!models.contains(w.models().get(i))) throw binder.error("/watch/models/" + i, "no model named '" + w.models().get(i) + "'; models: " + String.join(", ", models));
    }
    return new WatchConfig(probes, w.every(), w.images(), w.amounts(), w.models());
  }
}
