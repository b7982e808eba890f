package org.invariance.cli;

import java.util.concurrent.Callable;
import org.invariance.plugin.PluginRegistry;
import picocli.CommandLine.Command;

/** {@code plugins}: what the class path (and INVARIANCE_PLUGIN_PATH) offers, by kind. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins on the class path.")
final class PluginsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PluginRegistry p = PluginRegistry.discover();
    System.out.println("sources:    " + String.join(", ", p.sources().keySet()));
    System.out.println("transforms: " + String.join(", ", p.transforms().keySet()));
    System.out.println("models:     " + String.join(", ", p.models().keySet()));
    System.out.println("probes:     " + String.join(", ", p.probes().keySet()));
    System.out.println("figures:    " + String.join(", ", p.figures().keySet()));
    return 0;
  }
}
