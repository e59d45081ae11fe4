package vaa.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vaa.io.Json;

/**
 * Reads transcript files of any supported format into {@link Call}s. The format is detected per file (".txt" is
 * plain text; JSON by its top-level keys) unless forced. Reading never throws: bad content, an I/O error and even
 * a reader's own bug come back as {@link ReadResult.Unreadable} with a short reason. Thread-safe; one instance
 * caches each campaign's {@code speaker_map.json}, so share it across a run.
 */
public final class TranscriptReaders {
    /** Larger files are refused rather than parsed into memory; real call transcripts are far smaller. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final int SNIFF_BYTES = 8192;

    private final ObjectReader jsonReader =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Map<TranscriptFormat, JsonTranscriptReader> jsonReaders = new EnumMap<>(TranscriptFormat.class);

    public TranscriptReaders() {
        this(ReaderOptions.defaults());
    }

    public TranscriptReaders(ReaderOptions options) {
        jsonReaders.put(TranscriptFormat.CANONICAL, (root, file) -> CanonicalJson.fromTree(root, JsonTranscriptReader.stem(file)));
        jsonReaders.put(TranscriptFormat.PROCESSED,
                new ProcessedConversationReader(options.speakerLabels(), new SpeakerMaps()));
        jsonReaders.put(TranscriptFormat.VAPI, new VapiReader());
        jsonReaders.put(TranscriptFormat.RETELL, new RetellReader());
        jsonReaders.put(TranscriptFormat.DEEPGRAM, new DeepgramReader(options.deepgramAgentSpeaker()));
    }

    /** With {@code replacing} in place of the built-in readers of its formats: how tests make a reader fail. */
    TranscriptReaders(Map<TranscriptFormat, JsonTranscriptReader> replacing) {
        this(ReaderOptions.defaults());
        jsonReaders.putAll(replacing);
    }

    /** Reads one file, detecting its format. */
    public ReadResult read(Path file) {
        return read(file, Optional.empty());
    }

    /** Reads one file in the forced format, or the detected one when {@code forced} is empty. */
    public ReadResult read(Path file, Optional<TranscriptFormat> forced) {
        try {
            return readOrThrow(file, forced);
        } catch (NotATranscriptException e) {
            return new ReadResult.Unreadable(file, e.getMessage());
        } catch (NoSuchFileException e) {
            return new ReadResult.Unreadable(file, "file not found");
        } catch (AccessDeniedException e) {
            return new ReadResult.Unreadable(file, "permission denied");
        } catch (IOException e) {
            return new ReadResult.Unreadable(file, "cannot read file: " + e.getMessage());
        } catch (RuntimeException e) {
            // A reader bug must cost one file, never the whole draw or analysis; the reason names the failure so
            // the user can report it with the file.
            return new ReadResult.Unreadable(file, "reader error (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** {@link #read} without the safety net: bad content throws {@link NotATranscriptException}, a reader's bug its own exception. */
    ReadResult readOrThrow(Path file, Optional<TranscriptFormat> forced) throws IOException {
        if (Files.isDirectory(file)) {
            return new ReadResult.Unreadable(file, "a directory, not a file");
        }
        long size = Files.size(file);
        if (size == 0) {
            return new ReadResult.Unreadable(file, "empty file");
        }
        if (size > MAX_BYTES) {
            return new ReadResult.Unreadable(file,
                    "file too large (" + size / (1024 * 1024) + " MB; the limit is " + MAX_BYTES / (1024 * 1024) + " MB)");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), SNIFF_BYTES * 2)) {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            Optional<String> problem = sniff(head, size);
            if (problem.isPresent()) {
                return new ReadResult.Unreadable(file, problem.get());
            }
            boolean text = forced.map(f -> f == TranscriptFormat.TEXT).orElseGet(() -> looksLikeText(file, head));
            if (text) {
                return checked(TextTranscriptParser.parse(readLines(in), JsonTranscriptReader.stem(file)), TranscriptFormat.TEXT);
            }
            return fromTree(parseJson(in), file, forced);
        }
    }

    /** Reads a parsed JSON document as the forced format, or the one its shape says. */
    ReadResult fromTree(JsonNode root, Path file, Optional<TranscriptFormat> forced) {
        TranscriptFormat format = forced.orElseGet(() -> ShapeDetector.detect(root));
        return checked(jsonReaders.get(format).read(root, file), format);
    }

    private static ReadResult checked(Call call, TranscriptFormat format) {
        if (call.utterances().isEmpty()) {
            throw new NotATranscriptException("no utterances");
        }
        return new ReadResult.Read(call, format);
    }

    private static Optional<String> sniff(byte[] head, long size) {
        if (head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)) {
            return Optional.of("UTF-16 text; save it as UTF-8");
        }
        boolean blank = true;
        for (byte b : head) {
            if (b == 0) {
                return Optional.of("binary file");
            }
            blank &= b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }
        return blank && size <= head.length ? Optional.of("empty file") : Optional.empty();
    }

    private static boolean looksLikeText(Path file, byte[] head) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return true;
        }
        if (name.endsWith(".json")) {
            return false;
        }
        for (byte b : head) {
            if (b == '{' || b == '[') {
                return false;
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return true;
            }
        }
        return true;
    }

    private JsonNode parseJson(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = jsonReader.readTree(in);
        } catch (JsonProcessingException e) {
            throw new NotATranscriptException("not valid JSON: " + JsonErrors.describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new NotATranscriptException("empty file");
        }
        return root;
    }

    private static List<String> readLines(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new NotATranscriptException("not valid UTF-8 text");
        }
        return lines;
    }
}
