package vaa.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vaa.io.Json;
import vaa.llm.LlmClient;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.Tracer;
import vaa.prompt.LocalPromptSource;
import vaa.prompt.Prompt;
import vaa.prompt.PromptSelector;
import vaa.testing.OpenAiStub;
import vaa.transcript.Call;
import vaa.transcript.Role;
import vaa.transcript.Utterance;

class JudgeTest {
    static final Call CALL = new Call("c1", List.of(
            new Utterance(Role.AGENT, "agent", "Hello, Harper Valley bank, how can I help?"),
            new Utterance(Role.CUSTOMER, "caller", "I need to check my checking account balance please")));

    /** Answers from a script and keeps the requests. */
    static final class Scripted implements LlmClient {
        final Deque<String> answers;
        final List<LlmRequest> requests = new ArrayList<>();

        Scripted(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
            requests.add(request);
            return new LlmResponse(answers.removeFirst(), 5L, 10, new LlmResponse.Usage(100, 20, 120), "req", "m", false);
        }
    }

    private static Judge judge(Scripted client) {
        Prompt prompt = new LocalPromptSource(java.nio.file.Path.of("does-not-exist")).get("call_analysis", PromptSelector.production());
        Provenance base = new Provenance("k", "m", "p", prompt.name(), prompt.version(), prompt.source(), null, null, null, null, null, null);
        return new Judge(client, prompt, base, true, Tracer.OFF, "run");
    }

    @Test
    void aValidAnswerIsAcceptedAndQuotesAreVerified() {
        Scripted client = new Scripted("```json\n" + OpenAiStub.judgement("resolved", "check my Checking account") + "\n```");
        Judge.Outcome o = judge(client).judge(CALL);
        assertThat(o).isInstanceOf(Judge.Ok.class);
        JsonNode j = ((Judge.Ok) o).judgement();
        assertThat(j.at("/friction_points/0/quote_verified").asBoolean()).isTrue();
        assertThat(o.provenance().attempts()).isEqualTo(1);
        assertThat(client.requests.get(0).format()).isPresent();
        String prompt = client.requests.get(0).messages().toString();
        assertThat(prompt).contains("[0] AGENT: Hello", "[1] CUSTOMER (caller): I need", "Call id: c1", "\"outcome\"");
    }

    @Test
    void twoCallsPromptsShareTheStaticInstructionsAndSchemaAsAPrefixSoProviderPrefixCachingApplies() {
        Call other = new Call("c2", List.of(new Utterance(Role.CUSTOMER, "caller", "Cancel my card")));
        Judge judge = judge(new Scripted());
        List<vaa.llm.ChatMessage> a = judge.messages(CALL);
        List<vaa.llm.ChatMessage> b = judge.messages(other);
        assertThat(a.get(0)).isEqualTo(b.get(0));
        assertThat(a.get(0).content()).contains("\"outcome\"").doesNotContain("c1", "Harper");
        String first = a.stream().map(vaa.llm.ChatMessage::content).reduce("", String::concat);
        String second = b.stream().map(vaa.llm.ChatMessage::content).reduce("", String::concat);
        int common = 0;
        while (common < Math.min(first.length(), second.length()) && first.charAt(common) == second.charAt(common)) {
            common++;
        }
        // everything per call (id, metadata, transcript) comes after the shared part
        assertThat(common).isGreaterThan(first.length() - 300);
    }

    @Test
    void aCallsCostIsItsPricedUsageAndAnAnswerReplayedFromVaasCacheCostsNothing() {
        Prompt prompt = new LocalPromptSource(java.nio.file.Path.of("does-not-exist")).get("call_analysis", PromptSelector.production());
        Provenance base = new Provenance("k", "m", "p", prompt.name(), prompt.version(), prompt.source(), null, null, null, null, null, null);
        vaa.llm.Prices prices = new vaa.llm.Prices(1.0, 0.5, 2.0, 0.5);
        Judge priced = new Judge(new Scripted(OpenAiStub.judgement("resolved", "balance")), prompt, base, true, Tracer.OFF, "run",
                128_000, false, prices);
        assertThat(priced.judge(CALL).provenance().costUsd()).isEqualTo((100 * 1.0 + 20 * 2.0) / 1_000_000);

        LlmClient replay = (request, onDelta) -> new LlmResponse(OpenAiStub.judgement("resolved", "balance"), 5L, 10,
                new LlmResponse.Usage(100, 20, 120), "req", "m", true);
        Judge cached = new Judge(replay, prompt, base, true, Tracer.OFF, "run", 128_000, false, prices);
        assertThat(cached.judge(CALL).provenance().costUsd()).isEqualTo(0.0);

        Judge unpriced = new Judge(new Scripted(OpenAiStub.judgement("resolved", "balance")), prompt, base, true, Tracer.OFF, "run");
        assertThat(unpriced.judge(CALL).provenance().costUsd()).isNull();
    }

    @Test
    void aQuoteThatIsNotInTheTranscriptIsFlaggedNotDropped() {
        Judge.Outcome o = judge(new Scripted(OpenAiStub.judgement("resolved", "I want a mortgage"))).judge(CALL);
        JsonNode j = ((Judge.Ok) o).judgement();
        assertThat(j.at("/friction_points/0/quote").asText()).isEqualTo("I want a mortgage");
        assertThat(j.at("/friction_points/0/quote_verified").asBoolean()).isFalse();
    }

    @Test
    void malformedJsonIsRepairedWithTheErrorInTheConversation() {
        Scripted client = new Scripted("{\"outcome\": \"resolved\",", OpenAiStub.judgement("resolved", "balance"));
        Judge.Outcome o = judge(client).judge(CALL);
        assertThat(o).isInstanceOf(Judge.Ok.class);
        assertThat(o.provenance().attempts()).isEqualTo(2);
        assertThat(o.provenance().usage().total()).isEqualTo(240);
        LlmRequest repair = client.requests.get(1);
        assertThat(repair.messages().get(repair.messages().size() - 2).content()).isEqualTo("{\"outcome\": \"resolved\",");
        assertThat(repair.messages().get(repair.messages().size() - 1).content()).contains("Your answer is not valid");
    }

    @Test
    void aSchemaViolationIsRepairedAndNamedToTheModel() throws Exception {
        var bad = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(OpenAiStub.judgement("resolved", "balance"));
        bad.put("outcome", "great");
        bad.remove("summary");
        Scripted client = new Scripted(bad.toString(), OpenAiStub.judgement("resolved", "balance"));
        assertThat(judge(client).judge(CALL)).isInstanceOf(Judge.Ok.class);
        String feedback = client.requests.get(1).messages().get(client.requests.get(1).messages().size() - 1).content();
        assertThat(feedback).contains("$.outcome: \"great\" is not one of", "missing required field \"summary\"");
    }

    @Test
    void twoInvalidAnswersFailWithTheRawOutputKept() {
        Judge.Outcome o = judge(new Scripted("no idea", "still prose")).judge(CALL);
        assertThat(o).isInstanceOf(Judge.Failed.class);
        assertThat(((Judge.Failed) o).rawOutput()).isEqualTo("still prose");
        assertThat(((Judge.Failed) o).reason()).contains("after a repair attempt", "no JSON object");
    }

    private static Judge judgeWithin(Scripted client, int contextTokens, boolean truncate) {
        Prompt prompt = new LocalPromptSource(java.nio.file.Path.of("does-not-exist")).get("call_analysis", PromptSelector.production());
        Provenance base = new Provenance("k", "m", "p", prompt.name(), prompt.version(), prompt.source(), null, null, null, null, null, null);
        return new Judge(client, prompt, base, true, Tracer.OFF, "run", contextTokens, truncate);
    }

    private static Call longCall(int utterances) {
        List<Utterance> us = new ArrayList<>();
        for (int i = 0; i < utterances; i++) {
            us.add(new Utterance(i % 2 == 0 ? Role.AGENT : Role.CUSTOMER, i % 2 == 0 ? "agent" : "customer",
                    "utterance number " + i + " talks about checking balances and fees at some length, again and again."));
        }
        return new Call("long", us);
    }

    @Test
    void aCallOverTheWindowIsFailedUnsentAndTheReasonNamesTruncate() {
        Scripted client = new Scripted();
        Judge.Outcome o = judgeWithin(client, 20_000, false).judge(longCall(2_000));

        assertThat(client.requests).isEmpty();
        assertThat(((Judge.Failed) o).reason()).contains("over its context window of 20,000", "--truncate");
    }

    @Test
    void withTruncateACallOverTheWindowIsSentCutToFitAndTheCutIsRecorded() {
        Scripted client = new Scripted(OpenAiStub.judgement("resolved", "checking balances"));
        Judge.Outcome o = judgeWithin(client, 20_000, true).judge(longCall(2_000));

        assertThat(o).isInstanceOf(Judge.Ok.class);
        LlmRequest sent = client.requests.get(0);
        assertThat(vaa.llm.TokenEstimate.of(sent.messages()) + Judge.ANSWER_TOKENS).isLessThanOrEqualTo(20_000);
        String text = sent.messages().stream().map(m -> m.content()).reduce("", String::concat);
        assertThat(text).contains("[0] AGENT", "[1999] CUSTOMER", "left out to fit the model's context window");
        Provenance.Truncation t = o.provenance().truncated();
        assertThat(t.utterances()).isEqualTo(2_000);
        assertThat(t.omitted()).isPositive();
        assertThat(t.estimatedTokens()).isGreaterThan(20_000);
        assertThat(t.contextWindow()).isEqualTo(20_000);
        assertThat(Json.MAPPER.valueToTree(o.provenance()).path("truncated").path("utterances_omitted").asInt()).isEqualTo(t.omitted());
        // the quotes are still checked against the whole transcript
        assertThat(((Judge.Ok) o).judgement().path("friction_points").get(0).path("quote_verified").asBoolean()).isTrue();
    }

    @Test
    void aCallThatFitsIsNotMarkedTruncatedEvenWithTheFlag() {
        Scripted client = new Scripted(OpenAiStub.judgement("resolved", "balance"));
        Judge.Outcome o = judgeWithin(client, 128_000, true).judge(CALL);
        assertThat(o.provenance().truncated()).isNull();
        assertThat(Json.MAPPER.valueToTree(o.provenance()).has("truncated")).isFalse();
    }
}
