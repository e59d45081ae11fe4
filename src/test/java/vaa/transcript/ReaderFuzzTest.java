package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;

/**
 * Feeds every reader damaged copies of real transcripts of every format: truncated at many byte offsets, each
 * value replaced by null or by a value of another type, each key dropped, whole files null-filled. A reader may
 * return a call or refuse the file with {@link NotATranscriptException}; anything else (a NullPointerException,
 * a ClassCastException, an IndexOutOfBoundsException...) is a bug that would otherwise reach the draw. The
 * mutations are seeded, so a failure is reproducible.
 */
class ReaderFuzzTest {
    private static final long SEED = 20_240_611L;
    private static final int TRUNCATIONS_PER_FILE = 40;
    private static final int MAX_LOCATIONS_PER_FILE = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Real files: the test samples of every format and a conversation of each bundled demo data set. */
    static List<Path> seeds() throws IOException {
        List<Path> seeds = new ArrayList<>();
        for (String sample : List.of("canonical/full.json", "canonical/minimal.json", "canonical/no-id.json",
                "processed/solar-campaign/processed_conversations/conv_seller_first.json",
                "processed/solar-campaign/processed_conversations/no_audio_stem.json",
                "vapi/end-of-call-report.json", "vapi/outbound-call.json",
                "retell/call-ended-webhook.json", "retell/inbound-call.json", "retell/transcript-text-only.json",
                "deepgram/support-call.json", "deepgram/words-only.json",
                "text/plain-labels.txt", "text/seed-style.txt", "text/support-call.txt")) {
            seeds.add(Samples.path(sample));
        }
        for (String dir : List.of("customer_data/harper-valley/bank-support",
                "customer_data/taskmaster/coffee-orders/processed_conversations")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                seeds.add(files.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow());
            }
        }
        return seeds;
    }

    private final TranscriptReaders readers = new TranscriptReaders();
    private record Failure(String what, String cause) {}

    private final List<Failure> failures = new ArrayList<>();
    private int attempts;
    private int read;

    @Test
    void everySeedIsReadableAsItIs() throws IOException {
        for (Path seed : seeds()) {
            assertThat(readers.readOrThrow(seed, Optional.empty())).as(seed.toString()).isInstanceOf(ReadResult.Read.class);
        }
    }

    @Test
    void truncatedFilesAreReadOrRefusedNeverCrashTheReader(@TempDir Path dir) throws IOException {
        Random random = new Random(SEED);
        for (Path seed : seeds()) {
            byte[] bytes = Files.readAllBytes(seed);
            TranscriptFormat format = formatOf(seed);
            TreeSet<Integer> offsets = new TreeSet<>(List.of(1, 2, bytes.length / 2, bytes.length - 1));
            while (offsets.size() < Math.min(TRUNCATIONS_PER_FILE, bytes.length - 1)) {
                offsets.add(1 + random.nextInt(bytes.length - 1));
            }
            for (int offset : offsets) {
                Path cut = dir.resolve(seed.getFileName());
                Files.write(cut, Arrays.copyOf(bytes, offset));
                String what = seed.getFileName() + " cut at byte " + offset;
                attempt(what, () -> readers.readOrThrow(cut, Optional.empty()));
                attempt(what + " read as " + format, () -> readers.readOrThrow(cut, Optional.of(format)));
            }
        }
        assertNoCrashes();
    }

    @Test
    void textTranscriptsWithDamagedLinesAreReadOrRefused(@TempDir Path dir) throws IOException {
        List<String> damage = List.of("", "   ", ":", "Agent:", ": no label", "[99:99] Agent: late", "[1:2:3:4] x",
                "no colon at all", "A very long label of many words: text", "\uFEFFAgent: bom", "[00:01]");
        for (Path seed : seeds()) {
            if (formatOf(seed) != TranscriptFormat.TEXT) {
                continue;
            }
            List<String> lines = Files.readAllLines(seed);
            for (int at = 0; at <= lines.size(); at++) {
                for (String line : damage) {
                    List<String> changed = new ArrayList<>(lines);
                    changed.add(at, line);
                    Path file = dir.resolve(seed.getFileName());
                    Files.write(file, changed);
                    attempt(seed.getFileName() + " with '" + line + "' at line " + (at + 1),
                            () -> readers.readOrThrow(file, Optional.empty()));
                }
                if (at < lines.size()) {
                    List<String> dropped = new ArrayList<>(lines);
                    dropped.remove(at);
                    Path file = dir.resolve(seed.getFileName());
                    Files.write(file, dropped);
                    attempt(seed.getFileName() + " without line " + (at + 1), () -> readers.readOrThrow(file, Optional.empty()));
                }
            }
        }
        assertNoCrashes();
    }

    @Test
    void everyValueReplacedByNullOrAnotherTypeOrDroppedIsReadOrRefused() throws IOException {
        Random random = new Random(SEED);
        Map<String, JsonNode> replacements = replacements();
        for (Path seed : seeds()) {
            TranscriptFormat format = formatOf(seed);
            if (format == TranscriptFormat.TEXT) {
                continue;
            }
            JsonNode original = Json.MAPPER.readTree(seed.toFile());
            List<JsonPointer> locations = new ArrayList<>();
            collect(original, JsonPointer.empty(), locations);
            while (locations.size() > MAX_LOCATIONS_PER_FILE) {
                locations.remove(1 + random.nextInt(locations.size() - 1)); // the root stays
            }
            for (JsonPointer at : locations) {
                for (Map.Entry<String, JsonNode> r : replacements.entrySet()) {
                    JsonNode value = r.getValue();
                    readTree(seed, format, at + " = " + r.getKey(), replaced(original, at, node -> value.deepCopy()));
                }
                if (!at.matches()) {
                    readTree(seed, format, at + " dropped", replaced(original, at, node -> null));
                }
            }
        }
        assertNoCrashes();
        assertThat(read).as("mutations that still read as a call").isPositive();
    }

    @Test
    void wholeFilesNullFilledOrWithEveryValueOfOneTypeSwappedAreReadOrRefused() throws IOException {
        Map<String, UnaryOperator<JsonNode>> fills = Map.of(
                "every scalar null", n -> n.isValueNode() ? NullNode.getInstance() : n,
                "every string a number", n -> n.isTextual() ? NODES.numberNode(7) : n,
                "every number a string", n -> n.isNumber() ? NODES.textNode(n.asText()) : n,
                "every number negative", n -> n.isNumber() ? NODES.numberNode(-n.doubleValue() - 1) : n,
                "every array an object", n -> n.isArray() ? NODES.objectNode() : n,
                "every object an array", n -> n.isObject() ? NODES.arrayNode() : n,
                "every string empty", n -> n.isTextual() ? NODES.textNode("") : n);
        for (Path seed : seeds()) {
            TranscriptFormat format = formatOf(seed);
            if (format == TranscriptFormat.TEXT) {
                continue;
            }
            JsonNode original = Json.MAPPER.readTree(seed.toFile());
            for (Map.Entry<String, UnaryOperator<JsonNode>> fill : fills.entrySet()) {
                readTree(seed, format, fill.getKey(), rewriteBelowRoot(original.deepCopy(), fill.getValue()));
            }
        }
        assertNoCrashes();
    }

    private void readTree(Path seed, TranscriptFormat format, String what, JsonNode root) {
        String where = seed.getFileName() + ": " + what;
        attempt(where, () -> readers.fromTree(root, seed, Optional.empty()));
        attempt(where + " read as " + format, () -> readers.fromTree(root, seed, Optional.of(format)));
    }

    private interface Reading {
        ReadResult read() throws IOException;
    }

    /**
     * One read: a refusal is fine, a call must be valid all the way to the canonical copy the sampler writes
     * (which must read back), anything else is recorded with its stack trace.
     */
    private void attempt(String what, Reading reading) {
        attempts++;
        try {
            ReadResult result = reading.read();
            if (result instanceof ReadResult.Read r) {
                read++;
                checkCall(what, r.call());
            }
        } catch (NotATranscriptException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
        } catch (IOException | RuntimeException | AssertionError e) {
            String origin = Arrays.stream(e.getStackTrace()).filter(f -> f.getClassName().startsWith("vaa.")).findFirst()
                    .map(f -> " at " + f.getClassName().replace("vaa.transcript.", "") + "." + f.getMethodName() + ":" + f.getLineNumber())
                    .orElse("");
            failures.add(new Failure(what, e.getClass().getSimpleName() + ": " + e.getMessage() + origin));
        }
    }

    private void checkCall(String what, Call call) throws IOException {
        if (call.utterances().isEmpty()) {
            throw new AssertionError("a call without utterances");
        }
        if (!finiteOrNull(call.durationS()) || call.utterances().stream().anyMatch(u -> !finiteOrNull(u.start()) || !finiteOrNull(u.end()))) {
            throw new AssertionError("a time that is not a finite number");
        }
        ReadResult again = readers.fromTree(Json.MAPPER.readTree(CanonicalJson.toJson(call)), Path.of("copy.json"),
                Optional.of(TranscriptFormat.CANONICAL));
        // metadata is carried as given, so a 1e400 in it comes back as the string "Infinity"; what vaa computes on must not change
        if (!(again instanceof ReadResult.Read r) || !r.call().id().equals(call.id()) || !turns(r.call()).equals(turns(call))
                || !Objects.equals(r.call().durationS(), call.durationS()) || !Objects.equals(r.call().startedAt(), call.startedAt())) {
            throw new AssertionError("the canonical copy does not read back as the same call: " + again);
        }
    }

    private static List<List<Object>> turns(Call call) {
        return call.utterances().stream().map(u -> Arrays.asList((Object) u.role(), u.speaker(), u.text(), u.start(), u.end())).toList();
    }

    private static boolean finiteOrNull(Double seconds) {
        return seconds == null || Double.isFinite(seconds);
    }

    /** One line per distinct crash (exception and the vaa frame it came from), with its first example. */
    private void assertNoCrashes() {
        assertThat(attempts).isPositive();
        Map<String, List<String>> byCause = new TreeMap<>();
        failures.forEach(f -> byCause.computeIfAbsent(f.cause(), k -> new ArrayList<>()).add(f.what()));
        StringBuilder report = new StringBuilder();
        byCause.forEach((cause, whats) -> report.append("\n  ").append(cause).append("  (").append(whats.size())
                .append("x, e.g. ").append(whats.get(0)).append(')'));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + attempts + " reads crashed:" + report);
        }
    }

    private static Map<String, JsonNode> replacements() throws IOException {
        ArrayNode arrayOfNull = NODES.arrayNode().addNull();
        ObjectNode objectOfNull = NODES.objectNode().putNull("x");
        return Map.ofEntries(
                Map.entry("null", NullNode.getInstance()),
                Map.entry("\"\"", NODES.textNode("")),
                Map.entry("\"x\"", NODES.textNode("x")),
                Map.entry("0", NODES.numberNode(0)),
                Map.entry("-1", NODES.numberNode(-1)),
                Map.entry("1.5", NODES.numberNode(1.5)),
                Map.entry("2^63", NODES.numberNode(new java.math.BigInteger("9223372036854775808"))),
                // what Jackson makes of a number too large for a double
                Map.entry("1e400", Json.MAPPER.readTree("1e400")),
                Map.entry("true", BooleanNode.TRUE),
                Map.entry("[]", NODES.arrayNode()),
                Map.entry("[null]", arrayOfNull),
                Map.entry("{}", NODES.objectNode()),
                Map.entry("{x: null}", objectOfNull));
    }

    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        out.add(at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collect(node.get(name), at.appendProperty(name), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at.appendIndex(i), out);
            }
        }
    }

    /** A copy of {@code root} with the node at {@code at} changed; a null change removes it from its parent. */
    private static JsonNode replaced(JsonNode root, JsonPointer at, UnaryOperator<JsonNode> change) {
        if (at.matches()) {
            return change.apply(root);
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy.at(at.head());
        JsonNode value = change.apply(copy.at(at));
        JsonPointer last = at.last();
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last.getMatchingProperty());
            } else {
                object.set(last.getMatchingProperty(), value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove(last.getMatchingIndex());
            } else {
                array.set(last.getMatchingIndex(), value);
            }
        }
        return copy;
    }

    /** Rewrites every node below the root, depth first; the root keeps its type so the format is still recognised. */
    private static JsonNode rewriteBelowRoot(JsonNode node, UnaryOperator<JsonNode> fill) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, fill.apply(rewriteBelowRoot(object.get(name), fill)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill.apply(rewriteBelowRoot(array.get(i), fill)));
            }
        }
        return node instanceof ContainerNode<?> ? node : fill.apply(node);
    }

    private static TranscriptFormat formatOf(Path seed) {
        ReadResult result = new TranscriptReaders().read(seed);
        if (result instanceof ReadResult.Read r) {
            return r.format();
        }
        throw new AssertionError("seed " + seed + " is unreadable: " + result);
    }
}
