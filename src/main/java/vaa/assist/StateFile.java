package vaa.assist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaa.VaaException;
import vaa.io.Json;

/**
 * A {@code *.state.json} file: {@code {"conversation": "<audio file>", "initial_state": {...},
 * "steps": [{"utterance_index": N, "accumulated_state": {...}}]}}.
 *
 * @param conversation the audio file the state was computed for, as written ("unknown" when absent, as in the seed)
 * @param warnings     things worth telling the user that do not stop the experiment
 */
public record StateFile(Path path, String conversation, JsonNode initialState, List<StateStep> steps,
                        List<String> warnings) {
    public StateFile {
        initialState = initialState.deepCopy();
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    @Override
    public JsonNode initialState() {
        return initialState.deepCopy();
    }

    /** The conversation's audio stem: the file name without its last extension ("conv_1.wav" → "conv_1"). */
    public String audioStem() {
        int dot = conversation.lastIndexOf('.');
        return dot < 0 ? conversation : conversation.substring(0, dot);
    }

    /**
     * The state the model sees at a step (0-based): the initial state first, then the state the
     * previous step accumulated, because the step's own state already knows what was just said.
     */
    public JsonNode stateBefore(int step) {
        return step == 0 ? initialState() : steps.get(step - 1).accumulatedState();
    }

    /** The utterance the previous step stopped at (0 before the first), for "Utterance 12→15". */
    public int previousUtterance(int step) {
        return step == 0 ? 0 : steps.get(step - 1).utteranceIndex();
    }

    /** Reads and checks a state file; bad content is a usage error (exit 2) naming the file and the step. */
    public static StateFile load(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw VaaException.usage(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw VaaException.usage(file + " must contain a JSON object with conversation, initial_state and steps");
        }
        JsonNode conv = root.path("conversation");
        String conversation = conv.isTextual() && !conv.textValue().isBlank() ? conv.textValue() : "unknown";
        JsonNode initial = root.path("initial_state");
        JsonNode initialState = initial.isObject() ? initial : JsonNodeFactory.instance.objectNode();
        List<String> warnings = new ArrayList<>();
        if (!initial.isObject()) {
            warnings.add(file.getFileName() + " has no initial_state object; step 1 starts from an empty state");
        }
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray()) {
            throw VaaException.usage(file + " has no \"steps\" array");
        }
        List<StateStep> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            JsonNode step = stepsNode.get(i);
            JsonNode index = step.path("utterance_index");
            if (!index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0) {
                throw VaaException.usage(file + ": step " + (i + 1) + " needs \"utterance_index\" as a whole number >= 0");
            }
            JsonNode state = step.path("accumulated_state");
            if (!state.isObject()) {
                // only the next step reads it, so a missing state on the last step is harmless
                if (i < stepsNode.size() - 1) {
                    warnings.add("step " + (i + 1) + " has no accumulated_state; step " + (i + 2) + " gets an empty state");
                }
                state = JsonNodeFactory.instance.objectNode();
            }
            steps.add(new StateStep(index.intValue(), state));
        }
        if (steps.isEmpty()) {
            throw VaaException.usage("State file has no steps: " + file);
        }
        return new StateFile(file, conversation, initialState, steps, warnings);
    }
}
