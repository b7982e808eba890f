package org.invariance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.invariance.experiment.ConfigException;
import org.invariance.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code new-plugin KIND NAME}: a standalone Maven project for a plugin built outside the
 * repository (docs/WRITING-A-PLUGIN.md): its pom (parent {@code invariance-plugins} at this build's
 * version), the plugin's classes, config record, module and services file, tests on the framework's
 * harnesses that pass, a README and an example experiment. Written from the templates of
 * {@link PluginSkeleton}; never over a file.
 */
@Command(name = "new-plugin", mixinStandardHelpOptions = true,
    description = {"Write a standalone Maven project for a plugin of your own: its class, config record, module and services file, "
        + "tests on the framework's harnesses, a README and an example experiment.",
        "Example: new-plugin probe edge-density, then in edge-density/: mvn verify, and "
            + "INVARIANCE_PLUGIN_PATH=$PWD/target/edge-density-1.0.jar ./invariance plugins"})
final class NewPluginCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", description = "source, transform, model or probe (a probe comes with its figures)")
  String kind;

  @Parameters(index = "1", paramLabel = "NAME",
      description = "the plugin's name in experiments: lower-case words joined by '-', e.g. edge-density (its classes: EdgeDensityProbe, ...)")
  String name;

  @Option(names = "--dir", paramLabel = "DIR", description = "the project's folder, new or empty (default: ./NAME)")
  Path dir;

  @Option(names = "--package", paramLabel = "PACKAGE", description = "its Java package (default: org.example.<NAME without '-'>); the groupId is its parent package")
  String pkg;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String k = PluginSkeleton.kind(kind);
    if (k == null) throw new CommandLine.ParameterException(spec.commandLine(), "KIND: '" + kind + "' is none of " + String.join(", ", PluginSkeleton.KINDS));
    String problem = PluginSkeleton.nameProblem(name);
    if (problem != null) throw new CommandLine.ParameterException(spec.commandLine(), "NAME: " + problem);
    String javaPackage = pkg != null ? pkg : PluginSkeleton.defaultPackage(name);
    problem = PluginSkeleton.packageProblem(javaPackage);
    if (problem != null) throw new CommandLine.ParameterException(spec.commandLine(), "--package: " + problem);
    Set<String> taken = taken(k);
    if (taken.contains(name)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "NAME: a " + k + " named '" + name + "' is already on the class path (" + String.join(", ", taken) + "); choose another name");
    }
    String version = Version.number();
    if (version.equals("unknown")) throw new IllegalStateException("this framework was not built by Maven, so the version a plugin's pom names is unknown");
    Path target = dir != null ? dir : Path.of(name);
    if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
      throw new ConfigException(target.toString(), 0, 0, null, Files.isDirectory(target)
          ? "is not empty: new-plugin writes only into a new or empty folder, never over a file" : "is a file, not a folder");
    }
    Map<String, String> files = PluginSkeleton.files(k, name, javaPackage, version);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = target.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    Path jar = target.toAbsolutePath().normalize().resolve("target/" + name + "-1.0.jar");
    System.out.println(target.toAbsolutePath().normalize() + ": the " + k + " plugin '" + name + "' (" + files.size() + " files, package " + javaPackage
        + "). Next: mvn verify there (invariance installed: mvn install -DskipTests here), then INVARIANCE_PLUGIN_PATH=" + jar
        + " ./invariance validate " + target.resolve("example.yaml") + "; its README says more");
    return 0;
  }

  /** The names plugins on the class path already give this kind. */
  private static Set<String> taken(String kind) {
    PluginRegistry p = PluginRegistry.discover();
    return switch (kind) {
      case "source" -> p.sources().keySet();
      case "transform" -> p.transforms().keySet();
      case "model" -> p.models().keySet();
      default -> p.probes().keySet();
    };
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}
