package my.lab.activity;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code activity} probe. */
public final class ActivityModule extends PluginModule {
  @Override
  protected void configure() {
    probe("activity").to(ActivityProbe.class);
  }
}
