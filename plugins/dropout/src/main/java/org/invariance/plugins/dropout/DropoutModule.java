package org.invariance.plugins.dropout;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code dropout} probe. */
public final class DropoutModule extends PluginModule {
  @Override
  protected void configure() {
    probe("dropout").to(DropoutProbe.class);
    figures("dropout").to(DropoutFigures.class);
  }
}
