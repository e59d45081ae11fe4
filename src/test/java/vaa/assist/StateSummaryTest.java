package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

class StateSummaryTest {
    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void summarisesEveryFieldTheSeedShows() throws Exception {
        JsonNode state = json("""
                {"phase": "objection_handling",
                 "customer_profile": {"disc_primary": "C", "approach_note": "Analytisk kunde, vil have tal og fakta før hun beslutter noget som helst."},
                 "objections": [{"id": "price", "status": "open"}, {"id": "spouse", "status": "handled"}],
                 "pain_points": [{"id": "high_bill", "severity": "high"}],
                 "value_props_delivered": ["savings", "financing"],
                 "commitments": [{"what": "call back"}]}
                """);
        assertThat(StateSummary.format(state)).isEqualTo("""
                  phase: objection_handling
                  customer_profile: {disc_primary: "C", approach_note: "Analytisk kunde, vil have tal og fakta før hun beslutter nog..."}
                  objections: [{id: "price", status: "open"}, {id: "spouse", status: "handled"}]
                  pain_points: [{id: "high_bill", severity: "high"}]
                  value_props_delivered: 2
                  commitments: 1
                """.stripTrailing());
        assertThat(StateSummary.phase(state)).isEqualTo("objection_handling");
    }

    @Test
    void anEmptyStateShowsDefaults() throws Exception {
        assertThat(StateSummary.format(json("{}"))).isEqualTo("""
                  phase: ?
                  customer_profile: null
                  objections: []
                  pain_points: []
                  value_props_delivered: 0
                  commitments: 0
                """.stripTrailing());
    }

    @Test
    void nullAndEmptyProfilesAreNullAndMissingFieldsAreQuestionMarks() throws Exception {
        assertThat(StateSummary.format(json("{\"customer_profile\": {}}"))).contains("  customer_profile: null");
        assertThat(StateSummary.format(json("{\"customer_profile\": null}"))).contains("  customer_profile: null");
        assertThat(StateSummary.format(json("{\"customer_profile\": {\"approach_note\": \"short\"}}")))
                .contains("  customer_profile: {disc_primary: \"?\", approach_note: \"short\"}");
        assertThat(StateSummary.format(json("{\"objections\": [{\"status\": \"open\"}, {\"id\": null}]}")))
                .contains("  objections: [{id: \"?\", status: \"open\"}, {id: \"None\", status: \"?\"}]");
    }

    @Test
    void aPhaseThatIsNullReadsNoneAsInPython() throws Exception {
        assertThat(StateSummary.phase(json("{\"phase\": null}"))).isEqualTo("None");
        assertThat(StateSummary.phase(json("{\"phase\": 3}"))).isEqualTo("3");
    }

    @Test
    void theApproachNoteIsCutAtSixtyCharactersOnly() throws Exception {
        String sixty = "x".repeat(60);
        assertThat(StateSummary.format(json("{\"customer_profile\": {\"approach_note\": \"" + sixty + "\"}}")))
                .contains("approach_note: \"" + sixty + "\"}");
        assertThat(StateSummary.format(json("{\"customer_profile\": {\"approach_note\": \"" + sixty + "y\"}}")))
                .contains("approach_note: \"" + sixty + "...\"}");
    }
}
