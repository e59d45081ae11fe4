package vaa.assist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import vaa.VaaException;
import vaa.io.Json;

/**
 * A campaign directory of seed 002: {@code processed_conversations/*.json}, {@code speaker_map.json}
 * and {@code state_experiments/*.state.json}.
 *
 * <p>Assist reads processed conversations itself rather than through {@code vaa.transcript}: the
 * transcript model keeps roles and labels but not the raw {@code speaker_id}, which the seed's
 * window merging and speaker-label line are defined on.
 */
public record Campaign(Path dir) {
    public static final String CONVERSATIONS = "processed_conversations";
    public static final String SPEAKER_MAP = "speaker_map.json";
    static final String LAYOUT = "customer_data/<firm>/<campaign>/state_experiments/<file>.state.json";

    /** The campaign of a state file: the folder beside {@code processed_conversations/}, two levels up or one. */
    public static Campaign of(Path stateFile) {
        return find(stateFile).orElseThrow(() -> VaaException.usage("Cannot find " + CONVERSATIONS + "/ relative to "
                + stateFile + ". Expected structure: " + LAYOUT + " with " + CONVERSATIONS + "/ beside state_experiments/"));
    }

    /** Like {@link #of}, empty when the file is in no campaign. */
    public static Optional<Campaign> find(Path stateFile) {
        Path abs = stateFile.toAbsolutePath().normalize();
        for (Path candidate : new Path[] {abs.getParent().getParent(), abs.getParent()}) {
            if (candidate != null && Files.isDirectory(candidate.resolve(CONVERSATIONS))) {
                return Optional.of(new Campaign(candidate));
            }
        }
        return Optional.empty();
    }

    /** The processed conversation for an audio stem: {@code <stem>.json} first, else the file whose audio_stem matches. */
    public List<Turn> conversation(String audioStem) {
        Path conversations = dir.resolve(CONVERSATIONS);
        Path direct = conversations.resolve(audioStem + ".json");
        if (isPlainName(audioStem) && Files.isRegularFile(direct)) {
            return turns(read(direct), direct);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(conversations)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw VaaException.failure("Cannot list " + conversations + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            JsonNode root = read(file);
            if (audioStem.equals(root.path("audio_stem").asText(null))) {
                return turns(root, file);
            }
        }
        throw VaaException.usage("No processed conversation for " + audioStem + " in " + conversations
                + " (looked for " + audioStem + ".json and for a file with \"audio_stem\": \"" + audioStem + "\")");
    }

    /** Speaker labels for one conversation from {@code speaker_map.json}. */
    public SpeakerLabelMap labels(String audioStem) {
        Path file = dir.resolve(SPEAKER_MAP);
        if (!Files.isRegularFile(file)) {
            return SpeakerLabelMap.of(true);
        }
        JsonNode map = read(file);
        JsonNode entry = map.path(audioStem);
        return SpeakerLabelMap.of(!entry.isBoolean() || entry.booleanValue());
    }

    private static boolean isPlainName(String stem) {
        return !stem.isEmpty() && !stem.contains("/") && !stem.contains("\\") && !stem.equals("..");
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            return root == null ? Json.MAPPER.missingNode() : root;
        } catch (JsonProcessingException e) {
            throw VaaException.usage(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Turn> turns(JsonNode root, Path file) {
        JsonNode utterances = root.path("conversation").path("utterances");
        if (!utterances.isArray()) {
            throw VaaException.usage(file + " has no conversation.utterances array");
        }
        List<Turn> turns = new ArrayList<>(utterances.size());
        for (int i = 0; i < utterances.size(); i++) {
            JsonNode u = utterances.get(i);
            JsonNode id = u.path("speaker_id");
            int speaker;
            if (id.isIntegralNumber() && id.canConvertToInt()) {
                speaker = id.intValue();
            } else if (id.isTextual() && id.textValue().strip().matches("-?\\d{1,9}")) {
                speaker = Integer.parseInt(id.textValue().strip());
            } else {
                throw VaaException.usage(file + ": utterance " + i + " needs an integer speaker_id");
            }
            JsonNode text = u.hasNonNull("cleaned_text") ? u.get("cleaned_text") : u.path("text");
            turns.add(new Turn(speaker, text.isTextual() ? text.textValue() : ""));
        }
        return List.copyOf(turns);
    }
}
