package vaa.prompt;

import vaa.VaaException;

/** No prompt (or no such version or label of it) in the source asked; exit 2. */
public final class PromptNotFoundException extends VaaException {
    private final String promptName;

    public PromptNotFoundException(String promptName, String message) {
        super(USAGE, message);
        this.promptName = promptName;
    }

    public String promptName() {
        return promptName;
    }
}
