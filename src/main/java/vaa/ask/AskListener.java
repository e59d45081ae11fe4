package vaa.ask;

/**
 * Follows one question as it is answered. The model's text arrives in pieces through
 * {@link #delta}; {@link #modelStarting} and {@link #modelFinished} bracket the model call, the
 * only long step, so a console can let Ctrl+C cancel exactly that.
 */
public interface AskListener {
    AskListener NONE = new AskListener() {};

    default void modelStarting(AskContext context) {}

    default void delta(String text) {}

    default void modelFinished() {}
}
