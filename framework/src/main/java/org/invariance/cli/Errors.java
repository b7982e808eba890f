package org.invariance.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.invariance.config.DidYouMean;
import org.invariance.config.InvalidConfig;
import org.invariance.data.IdxFormatException;
import org.invariance.experiment.ConfigException;
import org.invariance.plugin.PluginException;
import org.invariance.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How a command's failure reaches the user: one line on stderr and an exit code, {@link Main#BAD_INPUT}
 * for what the user can fix (a file, a setting, a command line, a plugin), {@link Main#FAILED} for
 * the rest; the stack trace only with -v or INVARIANCE_DEBUG.
 */
final class Errors {
  private Errors() {}

  /** picocli's handler for what a command threw. */
  static int handleExecution(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (ex instanceof ConfigException || ex instanceof IdxFormatException) {
      // bad input: the message already names the file and the line or byte offset
      cmd.getErr().println(ex.getMessage());
      return Main.BAD_INPUT;
    }
    if (ex instanceof InvalidConfig ic) {
      // a setting given on the command line or in a section (metrics.host): said with its key
      cmd.getErr().println(ic.field() + ": " + ic.getMessage());
      return Main.BAD_INPUT;
    }
    return failure(ex, cmd.getErr());
  }

  /** picocli's handler for a command line it could not parse. */
  static int handleParameters(CommandLine.ParameterException ex, String[] args) {
    ex.getCommandLine().getErr().println(parameterError(ex));
    return Main.BAD_INPUT;
  }

  /** What escapes picocli: an Error (a plugin's class that cannot load, ServiceLoader's), or a handler's own failure. */
  static int escaped(Throwable e) {
    PrintWriter err = new PrintWriter(System.err, true);
    int code = failure(e, err);
    err.flush();
    return code;
  }

  /**
   * A command that failed, in one line on {@code err}: a plugin or a run directory at fault is bad
   * input (exit 2), anything else a failure (exit 1); the stack trace only with -v or
   * INVARIANCE_DEBUG.
   */
  static int failure(Throwable ex, PrintWriter err) {
    if (ex instanceof PluginException || ex instanceof Report.Unreadable) {
      // the message names the plugin and its jar, or the file and line that could not be read
      err.println(ex.getMessage());
      trace(ex, err);
      return Main.BAD_INPUT;
    }
    err.println("error: " + PluginException.message(ex));
    trace(ex, err);
    return Main.FAILED;
  }

  /** The stack trace, for -v and INVARIANCE_DEBUG. */
  private static void trace(Throwable ex, PrintWriter err) {
    if (Verbosity.current == Verbosity.VERBOSE || System.getenv("INVARIANCE_DEBUG") != null) ex.printStackTrace(err);
  }

  /**
   * A command line picocli could not parse, in one line: what was wrong, the nearest command or
   * option when one is a typo away, and where the usage is.
   */
  static String parameterError(CommandLine.ParameterException ex) {
    CommandLine c = ex.getCommandLine();
    String name = c.getCommandSpec().qualifiedName();
    String help = "; '" + name + " --help' shows the usage";
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("-")) {
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        List<String> options = new ArrayList<>();
        c.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
        return name + ": unknown option '" + option + "'" + DidYouMean.suggest(option, options).map(o -> " (did you mean '" + o + "'?)").orElse("") + help;
      }
      if (!c.getSubcommands().isEmpty()) {
        return name + ": no command '" + first + "'" + DidYouMean.suggest(first, c.getSubcommands().keySet()).map(o -> " (did you mean '" + o + "'?)").orElse("")
            + "; commands: " + String.join(", ", c.getSubcommands().keySet());
      }
      return name + ": unexpected argument" + (u.getUnmatched().size() > 1 ? "s " : " ") + "'" + String.join("' '", u.getUnmatched()) + "'" + help;
    }
    if (ex instanceof CommandLine.MissingParameterException m && m.getMissing().stream().anyMatch(ArgSpec::required)) {
      List<String> labels = new ArrayList<>();
      m.getMissing().stream().filter(ArgSpec::required).forEach(arg -> labels.add(arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel()));
      return name + ": missing " + String.join(", ", labels) + help;
    }
    String message = ex.getMessage() == null || ex.getMessage().isBlank() ? "bad command line" : ex.getMessage().lines().findFirst().orElse("").replaceFirst("^Error: ", "");
    return name + ": " + message + help;
  }
}
