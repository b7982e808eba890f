package org.invariance.plugins.frozenhead;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code frozen-head} trainer. */
public final class FrozenHeadModule extends PluginModule {
  @Override
  protected void configure() {
    model("frozen-head").to(FrozenHeadTrainer.class);
  }
}
