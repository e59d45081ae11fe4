package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The assist prompt's variables at one step, named as the seed's Langfuse prompts use them. */
public final class PromptVariables {
    public static final String NONE = "(none)";
    static final String SEPARATOR = "\n---\n";

    private PromptVariables() {}

    /**
     * {@code new_transcript} and {@code transcript} (the same window; coach prompts use the second
     * name), {@code state} as indented JSON, {@code previous_suggestions} as the bodies shown so far
     * joined by {@code ---} lines, or {@code (none)}.
     */
    public static Map<String, String> build(List<Turn> turns, int utterance, JsonNode state,
                                            List<String> previousSuggestions, SpeakerLabelMap labels) {
        String transcript = TranscriptWindow.upTo(turns, utterance, labels);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("new_transcript", transcript);
        vars.put("transcript", transcript);
        vars.put("state", Py.dumps(state));
        vars.put("previous_suggestions", previousSuggestions.isEmpty() ? NONE : String.join(SEPARATOR, previousSuggestions));
        return vars;
    }
}
