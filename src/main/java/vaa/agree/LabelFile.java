package vaa.agree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.Json;

/**
 * A labels file: CSV with a header naming {@code call_id, field, value} and optionally {@code reviewer} (other
 * columns are ignored), or JSON Lines with one {@code {"call_id", "field", "value", "reviewer"?}} object per line.
 * JSON Lines when the name ends in .jsonl, .ndjson or .json or the first line opens an object; CSV otherwise.
 * Anything it cannot use is exit 2 naming the line: a broken row, a missing column, a value that is not one of
 * the field's categories, or one reviewer giving one call two different answers.
 */
public final class LabelFile {
    private LabelFile() {}

    public static List<Label> read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<String> lines = lines(file);
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        String lower = name.toLowerCase(Locale.ROOT);
        boolean jsonl = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")
                || (!lower.endsWith(".csv") && first.strip().startsWith("{"));
        Collector out = new Collector(name);
        if (jsonl) {
            readJsonLines(lines, out);
        } else {
            readCsv(lines, out);
        }
        if (out.labels.isEmpty()) {
            throw VaaException.usage("The labels file " + file + " holds no labels.");
        }
        return List.copyOf(out.labels);
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("Cannot read the labels file " + file + ": no such file.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw VaaException.usage("The labels file " + file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw VaaException.usage("Cannot read the labels file " + file + ": " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return List.of(text.split("\r?\n", -1));
    }

    private static void readCsv(List<String> lines, Collector out) {
        Map<String, Integer> columns = null;
        int width = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            List<String> cells = out.csvCells(line, number);
            if (columns == null) {
                columns = new HashMap<>();
                for (int c = 0; c < cells.size(); c++) {
                    columns.putIfAbsent(cells.get(c).toLowerCase(Locale.ROOT), c);
                }
                if (!columns.keySet().containsAll(List.of("call_id", "field", "value"))) {
                    throw out.error(number, "the header must name the columns call_id, field and value (and optionally reviewer); it has "
                            + String.join(", ", cells));
                }
                width = cells.size();
                continue;
            }
            if (cells.size() != width) {
                throw out.error(number, width + " columns expected as in the header, found " + cells.size()
                        + " (quote a value that holds a comma)");
            }
            Integer reviewer = columns.get("reviewer");
            out.add(number, cells.get(columns.get("call_id")), cells.get(columns.get("field")), cells.get(columns.get("value")),
                    reviewer == null ? null : cells.get(reviewer));
        }
    }

    private static void readJsonLines(List<String> lines, Collector out) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            JsonNode row;
            try {
                row = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw out.error(number, "not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (row == null || !row.isObject()) {
                throw out.error(number, "not a JSON object; each line holds {\"call_id\", \"field\", \"value\", \"reviewer\"?}");
            }
            JsonNode value = row.path("value");
            Object v = value.isBoolean() ? (Object) value.asBoolean() : value.isValueNode() && !value.isNull() ? value.asText() : null;
            JsonNode reviewer = row.path("reviewer");
            out.add(number, scalar(row.path("call_id")), scalar(row.path("field")), v,
                    reviewer.isValueNode() && !reviewer.isNull() ? reviewer.asText() : null);
        }
    }

    private static String scalar(JsonNode n) {
        return n.isTextual() || n.isNumber() ? n.asText() : null;
    }

    /** Labels as they are read, each (call, field, reviewer) once. */
    private static final class Collector {
        final String name;
        final List<Label> labels = new ArrayList<>();
        final Map<String, Label> seen = new HashMap<>();

        Collector(String name) {
            this.name = name;
        }

        VaaException error(int line, String what) {
            return VaaException.usage("The labels file " + name + ", line " + line + ": " + what + ".");
        }

        void add(int line, String callId, String field, Object value, String reviewer) {
            if (callId == null || callId.isBlank() || field == null || field.isBlank() || value == null || value.toString().isBlank()) {
                throw error(line, "call_id, field and value must all be given");
            }
            String f = field.strip();
            Optional<JudgedField> judged = JudgedField.named(f);
            String v;
            try {
                v = judged.isPresent() ? judged.get().normalize(value) : value.toString().strip();
            } catch (IllegalArgumentException e) {
                throw error(line, e.getMessage());
            }
            String who = reviewer == null || reviewer.isBlank() ? name : reviewer.strip();
            String key = callId.strip() + '\u0000' + f + '\u0000' + who;
            Label label = new Label(callId.strip(), f, v, who, name + " line " + line);
            Label earlier = seen.putIfAbsent(key, label);
            if (earlier != null && !earlier.value().equals(v)) {
                throw error(line, "call " + label.callId() + " already has " + f + " = " + earlier.value() + " from " + who + " ("
                        + earlier.origin() + ")");
            }
            if (earlier == null) { // the same answer twice counts once
                labels.add(label);
            }
        }

        /** One CSV line (RFC 4180 quoting: "a, b" and "say ""hi""" ; a value cannot span lines). */
        List<String> csvCells(String line, int number) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == ',') {
                    cells.add(cell.toString().strip());
                    cell.setLength(0);
                } else if (c == '"' && cell.toString().isBlank()) {
                    quoted = true;
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            if (quoted) {
                throw error(number, "a quoted value is not closed (values cannot span lines)");
            }
            cells.add(cell.toString().strip());
            return cells;
        }
    }
}
