package org.invariance.plugins.ablation;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code ablation} probe. */
public final class AblationModule extends PluginModule {
  @Override
  protected void configure() {
    probe("ablation").to(AblationProbe.class);
    figures("ablation").to(AblationFigures.class);
  }
}
