package vaa.assist;

import java.util.List;
import java.util.Objects;
import vaa.llm.ChatMessage;
import vaa.llm.LlmResponse;

/**
 * Everything known about one step once it is over, for the log, the JSONL record and the console.
 *
 * @param step              1-based
 * @param transcript        the window the model saw
 * @param response          the parsed answer ({@link Status#OK} only)
 * @param raw               the model's answer as received ({@link Status#OK} only)
 * @param call              the model call ({@link Status#OK} only)
 * @param error             what went wrong ({@link Status#FAILED} only)
 * @param messages          the compiled prompt (every status but a failed compile)
 * @param suggestions       every suggestion shown up to and including this step
 */
public record StepRecord(int step, int total, int previousUtterance, int utterance, String phase, Status status,
                         String transcript, String stateSummary, AssistResponse response, String raw,
                         LlmResponse call, String error, List<ChatMessage> messages, List<Suggestion> suggestions) {
    public enum Status { OK, FAILED, DRY_RUN }

    public StepRecord {
        Objects.requireNonNull(status, "status");
        messages = messages == null ? List.of() : List.copyOf(messages);
        suggestions = List.copyOf(suggestions);
    }

    static StepRecord ok(StepContext ctx, List<ChatMessage> messages, LlmResponse call, AssistResponse response,
                         List<Suggestion> suggestions) {
        return new StepRecord(ctx.step(), ctx.total(), ctx.previousUtterance(), ctx.utterance(), ctx.phase(), Status.OK,
                ctx.transcript(), ctx.stateSummary(), response, call.content(), call, null, messages, suggestions);
    }

    static StepRecord failed(StepContext ctx, List<ChatMessage> messages, String error, List<Suggestion> suggestions) {
        return new StepRecord(ctx.step(), ctx.total(), ctx.previousUtterance(), ctx.utterance(), ctx.phase(),
                Status.FAILED, ctx.transcript(), ctx.stateSummary(), null, null, null, error, messages, suggestions);
    }

    static StepRecord dryRun(StepContext ctx, List<ChatMessage> messages, List<Suggestion> suggestions) {
        return new StepRecord(ctx.step(), ctx.total(), ctx.previousUtterance(), ctx.utterance(), ctx.phase(),
                Status.DRY_RUN, ctx.transcript(), ctx.stateSummary(), null, null, null, null, messages, suggestions);
    }
}
