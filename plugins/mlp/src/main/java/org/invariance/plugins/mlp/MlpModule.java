package org.invariance.plugins.mlp;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code mlp} model: a classifier trained end to end. */
public final class MlpModule extends PluginModule {
  @Override
  protected void configure() {
    model("mlp").to(MlpPlugin.class);
  }
}
