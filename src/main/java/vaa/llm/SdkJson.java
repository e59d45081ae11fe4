package vaa.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * openai-java's JSON mapping without Kotlin reflection. The SDK's own mapper adds jackson-module-kotlin,
 * which reads the Kotlin metadata of every model class it meets (about 1,100 kotlin.reflect classes and
 * most of a second of CPU in a fresh process) and builds every parsed object through Kotlin reflection
 * (tens of µs per streamed chunk, and an answer is hundreds of chunks). The SDK maps its models by
 * annotations alone (every auto-detection is off), so its configuration without that module writes the
 * same requests and reads the same answers. One difference: a field a response leaves out reads as JSON
 * null instead of "missing", which {@link OpenAiCompatibleClient} treats alike (it only asks for known
 * values). SdkJsonTest holds this configuration to the SDK's.
 */
final class SdkJson {
    static final JsonMapper MAPPER = build();

    private SdkJson() {}

    private static JsonMapper build() {
        JsonMapper.Builder b = JsonMapper.builder().addModule(new Jdk8Module()).addModule(new JavaTimeModule());
        // strict scalars: the SDK tells the variants of its union types apart by which ones fail to coerce
        fail(b, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.Array, CoercionInputShape.Object);
        fail(b, LogicalType.Integer, CoercionInputShape.Boolean, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.Array, CoercionInputShape.Object);
        fail(b, LogicalType.Float, CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.Array,
                CoercionInputShape.Object);
        fail(b, LogicalType.Textual, CoercionInputShape.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Array, CoercionInputShape.Object);
        fail(b, LogicalType.DateTime, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Array,
                CoercionInputShape.Object);
        for (LogicalType containers : new LogicalType[] {LogicalType.Array, LogicalType.Collection, LogicalType.Map}) {
            fail(b, containers, CoercionInputShape.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.String, CoercionInputShape.Object);
        }
        fail(b, LogicalType.POJO, CoercionInputShape.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.Array);
        return b.serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.AUTO_DETECT_CREATORS)
                .disable(MapperFeature.AUTO_DETECT_FIELDS)
                .disable(MapperFeature.AUTO_DETECT_GETTERS)
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .disable(MapperFeature.AUTO_DETECT_SETTERS)
                .build();
    }

    private static void fail(JsonMapper.Builder b, LogicalType type, CoercionInputShape... shapes) {
        b.withCoercionConfig(type, config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        });
    }
}
