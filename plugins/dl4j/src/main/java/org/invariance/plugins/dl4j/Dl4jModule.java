package org.invariance.plugins.dl4j;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code dl4j} model: Deeplearning4j networks, trained here or read from a file. */
public final class Dl4jModule extends PluginModule {
  @Override
  protected void configure() {
    model("dl4j").to(Dl4jPlugin.class);
  }
}
