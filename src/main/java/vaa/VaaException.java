package vaa;

/**
 * The one domain exception: a message for the user and the exit code the process ends with.
 * The root command's execution-exception handler prints the message (and the stack trace only with -v).
 */
public class VaaException extends RuntimeException {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INTERRUPTED = 130;

    private final int exitCode;

    public VaaException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public VaaException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad usage or bad input: exit 2. */
    public static VaaException usage(String message) {
        return new VaaException(USAGE, message);
    }

    /** Failure while working: exit 1. */
    public static VaaException failure(String message) {
        return new VaaException(FAILURE, message);
    }

    public static VaaException failure(String message, Throwable cause) {
        return new VaaException(FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
