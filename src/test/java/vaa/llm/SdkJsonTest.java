package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.openai.core.JsonField;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

/** {@link SdkJson} against the mapper openai-java would use: same configuration but for Kotlin, same JSON. */
class SdkJsonTest {
    private static final JsonMapper SDK = ObjectMappers.jsonMapper();

    @Test
    void hasTheSdksFeaturesCoercionsAndInclusion() {
        for (MapperFeature f : MapperFeature.values()) {
            assertThat(SdkJson.MAPPER.isEnabled(f)).as(f.name()).isEqualTo(SDK.isEnabled(f));
        }
        for (SerializationFeature f : SerializationFeature.values()) {
            assertThat(SdkJson.MAPPER.isEnabled(f)).as(f.name()).isEqualTo(SDK.isEnabled(f));
        }
        for (DeserializationFeature f : DeserializationFeature.values()) {
            assertThat(SdkJson.MAPPER.isEnabled(f)).as(f.name()).isEqualTo(SDK.isEnabled(f));
        }
        for (LogicalType type : LogicalType.values()) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                assertThat(SdkJson.MAPPER.getDeserializationConfig().findCoercionAction(type, Object.class, shape))
                        .as(type + " from " + shape)
                        .isEqualTo(SDK.getDeserializationConfig().findCoercionAction(type, Object.class, shape));
            }
        }
        assertThat(SdkJson.MAPPER.getSerializationConfig().getDefaultPropertyInclusion())
                .isEqualTo(SDK.getSerializationConfig().getDefaultPropertyInclusion());
    }

    @Test
    void registersTheSdksModulesButKotlinAndItsUploadAndLenientDateHelpers() {
        Set<Object> left = new HashSet<>(SDK.getRegisteredModuleIds());
        left.removeAll(SdkJson.MAPPER.getRegisteredModuleIds());
        assertThat(SDK.getRegisteredModuleIds()).containsAll(SdkJson.MAPPER.getRegisteredModuleIds());
        assertThat(left).hasSize(2).anySatisfy(id -> assertThat(id.toString()).contains("Kotlin"));
    }

    @Test
    void writesTheSameRequestBodyAsTheSdk() throws Exception {
        ModelEntry entry = ModelCatalog.builtIn().entry("groq:test-model");
        ResolvedModel model = new ResolvedModel(entry, "http://localhost/v1", Optional.empty(), RequestHeaders.NONE);
        LlmRequest request = new LlmRequest(List.of(ChatMessage.system("be brief"), new ChatMessage("developer", "dev"),
                ChatMessage.user("héllo \"quoted\" \u2028"), ChatMessage.assistant("{}")),
                new ResponseFormat("call_judgement", (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"a\"]}"), true),
                Map.of("temperature", 0.2, "max_tokens", 300, "seed", 7, "top_k", 40, "reasoning_effort", "low"));
        var body = ChatRequests.toParams(model, request)._body();

        assertThat(new String(SdkJson.MAPPER.writeValueAsBytes(body))).isEqualTo(new String(SDK.writeValueAsBytes(body)));
    }

    @Test
    void readsStreamedChunksAsTheSdkDoes() throws Exception {
        List<String> chunks = List.of(
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null,\"logprobs\":null}]}",
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                        + "\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
                // Gemini: no object; Ollama's last chunk: no choices; unknown fields
                "{\"id\":\"c2\",\"created\":1,\"model\":\"gemini\",\"choices\":[{\"delta\":{\"content\":\"x\"},\"index\":0}],\"extra\":[1]}",
                "{\"id\":\"c3\",\"model\":\"llama\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}");
        for (String chunk : chunks) {
            assertThat(fields(SdkJson.MAPPER.readValue(chunk, ChatCompletionChunk.class)))
                    .as(chunk).isEqualTo(fields(SDK.readValue(chunk, ChatCompletionChunk.class)));
        }
    }

    /** What {@link OpenAiCompatibleClient} reads from a chunk. */
    private static List<Object> fields(ChatCompletionChunk c) {
        List<Object> out = new ArrayList<>(List.of(known(c._id()), known(c._model())));
        for (ChatCompletionChunk.Choice choice : known(c._choices()).orElse(List.of())) {
            out.add(known(choice._finishReason()).map(Object::toString));
            out.add(known(choice._delta()).flatMap(d -> known(d._content())));
        }
        out.add(known(c._usage()).map(u -> List.of(known(u._promptTokens()), known(u._completionTokens()), known(u._totalTokens()))));
        return out;
    }

    private static <T> Optional<T> known(JsonField<T> field) {
        return field.asKnown();
    }
}
