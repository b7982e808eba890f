package org.invariance.plugins.cka;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code cka} probe, and linear CKA as a training probe ({@code watch:}). */
public final class CkaModule extends PluginModule {
  @Override
  protected void configure() {
    probe("cka").to(CkaProbe.class);
    figures("cka").to(CkaFigures.class);
    trainingProbe("cka").to(CkaWhileTraining.class);
  }
}
