package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

class PromptVariablesTest {
    static final List<Turn> TURNS = List.of(new Turn(1, "Hej"), new Turn(2, "Det er for dyrt"));

    private static JsonNode state() throws Exception {
        return Json.MAPPER.readTree("{\"phase\": \"pitch\", \"objections\": [{\"id\": \"o1\", \"status\": \"åben\"}]}");
    }

    @Test
    void buildsTheFourVariablesTheSeedsPromptsUse() throws Exception {
        Map<String, String> vars = PromptVariables.build(TURNS, 1, state(), List.of(), SpeakerLabelMap.of(true));

        assertThat(vars).containsOnlyKeys("new_transcript", "transcript", "state", "previous_suggestions");
        assertThat(vars.get("new_transcript")).isEqualTo("Sælger:\n\nHej\n\nKunden:\n\nDet er for dyrt");
        assertThat(vars.get("transcript")).isEqualTo(vars.get("new_transcript"));
        assertThat(vars.get("state")).isEqualTo("""
                {
                  "phase": "pitch",
                  "objections": [
                    {
                      "id": "o1",
                      "status": "åben"
                    }
                  ]
                }""");
        assertThat(vars.get("previous_suggestions")).isEqualTo("(none)");
    }

    @Test
    void previousSuggestionsAreTheShownBodiesJoinedByDashLines() throws Exception {
        Map<String, String> vars = PromptVariables.build(TURNS, 1, state(),
                List.of("Spørg hvad de betaler i dag.", "Nævn finansiering.\nTo linjer."), SpeakerLabelMap.of(true));
        assertThat(vars.get("previous_suggestions"))
                .isEqualTo("Spørg hvad de betaler i dag.\n---\nNævn finansiering.\nTo linjer.");
    }
}
