package vaa.cli;

import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vaa.VaaException;
import vaa.llm.ModelCatalog;

/**
 * {@code vaa completion bash|zsh}: picocli's generated script (commands, options) plus a small wrapper that
 * completes run ids from ./runs at the moment of completion and model keys from the catalog. zsh runs the same
 * script through bashcompinit, which the generated header enables.
 */
@Command(name = "completion", description = "Print a shell completion script: commands, options, run ids and model keys."
        + " Install: source <(vaa completion bash)  (in ~/.bashrc; zsh: ~/.zshrc with zsh).")
final class CompletionCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw VaaException.usage("No completion for '" + shell + "' (use bash or zsh).");
        }
        String keys = ModelCatalog.load(context().workspace()).entries().stream()
                .map(e -> e.key()).filter(k -> k.matches("[\\w.:/@+-]+")).collect(Collectors.joining(" "));
        out().print(AutoComplete.bash("vaa", spec.root().commandLine()));
        out().print(DYNAMIC.replace("@MODEL_KEYS@", keys));
        out().flush();
        return 0;
    }

    /** Run ids change with every run, so they are listed when Tab is pressed, from the workspace (the current directory). */
    private static final String DYNAMIC = """

            # vaa: run ids from ./runs when Tab is pressed, model keys from the catalog when this script was made
            _vaa_run_ids() {
              local d
              for d in runs/*/; do [ -d "$d" ] && [ ! -L "${d%/}" ] && printf '%s\\n' "$(basename "$d")"; done
            }

            _vaa_complete() {
              local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} line=" ${COMP_WORDS[*]} "
              local IFS=$'\\n'
              case "$prev" in
                --run-id|--from|--runs|LAST_RUN) COMPREPLY=( $(compgen -W "$(_vaa_run_ids)" -- "$cur") ); return 0 ;;
                --model|--insights-model) IFS=' ' COMPREPLY=( $(compgen -W "@MODEL_KEYS@" -- "$cur") ); return 0 ;;
              esac
              if [[ "$cur" != -* && "$line" == *" runs "* && ( "$line" == *" show "* || "$line" == *" compare "* ) ]]; then
                COMPREPLY=( $(compgen -W "$(_vaa_run_ids)" -- "$cur") ); return 0
              fi
              _complete_vaa "$@"
            }

            complete -F _vaa_complete -o default vaa
            """;
}
