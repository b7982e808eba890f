package {{package}};

import org.invariance.plugin.PluginModule;

/** Registers the {@code {{name}}} model; META-INF/services/org.invariance.plugin.PluginModule names this class. */
public final class {{Name}}Module extends PluginModule {
  @Override
  protected void configure() {
    model("{{name}}").to({{Name}}Plugin.class);
  }
}
