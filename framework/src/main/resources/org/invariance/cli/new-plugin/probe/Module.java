package {{package}};

import org.invariance.plugin.PluginModule;

/** Registers the {@code {{name}}} probe and its figures; META-INF/services/org.invariance.plugin.PluginModule names this class. */
public final class {{Name}}Module extends PluginModule {
  @Override
  protected void configure() {
    probe("{{name}}").to({{Name}}Probe.class);
    figures("{{name}}").to({{Name}}Figures.class);
  }
}
