package org.invariance.plugins.rotation;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code rotation} transform. */
public final class RotationModule extends PluginModule {
  @Override
  protected void configure() {
    transform("rotation").to(RotationTransform.class);
  }
}
