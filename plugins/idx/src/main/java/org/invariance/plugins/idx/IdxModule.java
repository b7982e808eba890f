package org.invariance.plugins.idx;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code idx} source. */
public final class IdxModule extends PluginModule {
  @Override
  protected void configure() {
    source("idx").to(IdxSource.class);
  }
}
