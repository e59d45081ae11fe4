package vaa.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import vaa.io.Json;

/**
 * The campaigns' {@code speaker_map.json} files ({@code {"<audio_stem>": true}} = speaker 1 is the seller),
 * each loaded once per campaign directory however many threads read its conversations.
 */
final class SpeakerMaps {
    static final String FILE_NAME = "speaker_map.json";

    private record Loaded(Map<String, Boolean> speakerOneIsSeller, String problem) {}

    private final ConcurrentMap<Path, Loaded> byCampaign = new ConcurrentHashMap<>();

    /**
     * The campaign directory of a processed conversation: the parent of its {@code processed_conversations/}
     * folder, or the file's own folder when it is not in one.
     */
    static Path campaignDirOf(Path conversationFile) {
        Path dir = conversationFile.toAbsolutePath().normalize().getParent();
        if (dir.getFileName() != null && dir.getFileName().toString().equals("processed_conversations") && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir;
    }

    /**
     * Whether speaker 1 is the seller in this conversation. Like seed 002, a missing map, a missing entry or a
     * non-boolean entry means speaker 1 is the seller; a map that is not a JSON object makes the campaign unreadable.
     */
    boolean speakerOneIsSeller(Path campaignDir, String audioStem) {
        Loaded loaded = byCampaign.computeIfAbsent(campaignDir, SpeakerMaps::load);
        if (loaded.problem() != null) {
            throw new NotATranscriptException(loaded.problem());
        }
        return loaded.speakerOneIsSeller().getOrDefault(audioStem, true);
    }

    private static Loaded load(Path campaignDir) {
        Path file = campaignDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Loaded(Map.of(), null);
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = Json.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            return new Loaded(Map.of(), "invalid " + FILE_NAME + ": " + JsonErrors.describe(e));
        } catch (IOException e) {
            return new Loaded(Map.of(), "cannot read " + FILE_NAME + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Loaded(Map.of(), "invalid " + FILE_NAME + ": expected a JSON object of audio_stem -> true/false");
        }
        Map<String, Boolean> map = new HashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                map.put(e.getKey(), e.getValue().booleanValue());
            }
        });
        return new Loaded(Map.copyOf(map), null);
    }
}
