package vaa.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A JSON-schema response format ({@code response_format: {type: json_schema, ...}}). */
public record ResponseFormat(String name, JsonNode schema, boolean strict) {
    public ResponseFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        schema = schema.deepCopy();
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
