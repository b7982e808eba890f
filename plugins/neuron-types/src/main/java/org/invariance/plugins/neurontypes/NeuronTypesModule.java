package org.invariance.plugins.neurontypes;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code neuron-types} probe. */
public final class NeuronTypesModule extends PluginModule {
  @Override
  protected void configure() {
    probe("neuron-types").to(NeuronTypesProbe.class);
    figures("neuron-types").to(NeuronTypesFigures.class);
  }
}
