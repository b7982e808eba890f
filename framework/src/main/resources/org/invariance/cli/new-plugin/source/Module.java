package {{package}};

import org.invariance.plugin.PluginModule;

/** Registers the {@code {{name}}} source; META-INF/services/org.invariance.plugin.PluginModule names this class. */
public final class {{Name}}Module extends PluginModule {
  @Override
  protected void configure() {
    source("{{name}}").to({{Name}}Source.class);
  }
}
