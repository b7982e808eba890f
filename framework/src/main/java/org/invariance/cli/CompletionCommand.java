package org.invariance.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code completion}: picocli's bash (and zsh) completion script for every subcommand and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script (bash, and zsh through bashcompinit) for the subcommands and their options.",
        "Load it in this shell with: source <(./invariance completion)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    System.out.print(AutoComplete.bash("invariance", spec.root().commandLine()));
    System.out.flush();
    return 0;
  }
}
