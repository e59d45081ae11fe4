package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaa.VaaException;
import vaa.io.Json;

/**
 * An experiment's {@code .jsonl} read back. A process killed while writing leaves at most one
 * incomplete record at the end; the records are the complete lines before the first line that is
 * cut short or not a JSON object, and {@code completeBytes} is where they end (what a resumed
 * experiment keeps).
 *
 * @param tail whether anything follows the complete records
 */
public record RecordsFile(Path file, List<JsonNode> records, long completeBytes, boolean tail) {
    public RecordsFile {
        records = List.copyOf(records);
    }

    /** A missing file reads as no records. */
    public static RecordsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new RecordsFile(file, List.of(), 0, false);
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            JsonNode node = parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
            if (node == null) {
                break;
            }
            records.add(node);
            start = i + 1;
        }
        return new RecordsFile(file, records, start, start < bytes.length);
    }

    /** The records as outcomes, in file order. */
    public List<StepOutcome> outcomes() {
        return records.stream().map(StepOutcome::of).toList();
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            // a line the JSON parser rejects is where the complete records end
            return null;
        }
    }
}
