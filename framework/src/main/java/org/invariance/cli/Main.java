package org.invariance.cli;

import java.util.ArrayList;
import java.util.List;
import org.invariance.metrics.TerminalScreen;
import org.invariance.results.Provenance;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code invariance} command: wires the subcommands (one class each), the verbosity options
 * ({@link Verbosity}) and the error handling ({@link Errors}) together. Exit codes: 0 done, 1 the
 * run failed, 2 bad input.
 */
@Command(name = "invariance", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Declarative neural-network invariance experiments.",
    subcommands = {RunCommand.class, WorkerCommand.class, ClusterKeyCommand.class, ValidateCommand.class, ReportCommand.class, ExportImages.class,
        PluginsCommand.class, CompletionCommand.class, NewPluginCommand.class})
public final class Main {
  public static final int BAD_INPUT = 2;
  public static final int FAILED = 1;

  /** -v and -q, on every command (before or after its name). */
  @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT, description = "show the framework's debug messages too")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT, description = "show only warnings and errors, and no progress bar")
  boolean quiet;

  public static void main(String[] args) {
    // stderr for the log and the progress bar: the terminal the launcher names (see TerminalScreen)
    TerminalScreen.attachTerminal();
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    List<String> command = new ArrayList<>(List.of("invariance"));
    command.addAll(List.of(args));
    Provenance.command(command);
    String pluginPath = PluginPath.problem(System.getenv("INVARIANCE_PLUGIN_PATH"));
    if (pluginPath != null) {
      System.err.println(pluginPath);
      return BAD_INPUT;
    }
    Verbosity.NORMAL.apply();
    CommandLine cl = new CommandLine(new Main());
    // every command answers --version with the build's version, not only the top one
    for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().versionProvider(new Version());
    cl.setExecutionStrategy(parsed -> {
      Verbosity.of(parsed, cl).apply();
      LoggerFactory.getLogger(Main.class).debug("{}; {}; Java {}", String.join(" ", command), new Version().getVersion()[0], System.getProperty("java.version"));
      return new CommandLine.RunLast().execute(parsed);
    });
    cl.setExecutionExceptionHandler(Errors::handleExecution);
    cl.setParameterExceptionHandler(Errors::handleParameters);
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      return Errors.escaped(e);
    }
  }
}
