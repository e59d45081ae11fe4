package vaa.prompt;

import vaa.VaaException;

/** Langfuse could not be reached at all (connection refused, DNS, timeouts after retries); exit 1. */
public final class LangfuseUnreachableException extends VaaException {
    public LangfuseUnreachableException(String message, Throwable cause) {
        super(FAILURE, message, cause);
    }
}
