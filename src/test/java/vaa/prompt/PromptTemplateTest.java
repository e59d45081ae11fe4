package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

class PromptTemplateTest {

    @Test
    void replacesVariablesWithOrWithoutSpacesInsideTheBraces() {
        String out = PromptTemplate.compile("Hi {{name}}, {{ name }} and {{\tname\n}}!", Map.of("name", "Ada"));

        assertThat(out).isEqualTo("Hi Ada, Ada and Ada!");
    }

    @Test
    void leavesUnknownVariablesExactlyAsWritten() {
        String out = PromptTemplate.compile("{{known}} {{ unknown }} {{other}}", Map.of("known", "x"));

        assertThat(out).isEqualTo("x {{ unknown }} {{other}}");
    }

    @Test
    void replacesEveryOccurrenceOfARepeatedVariable() {
        assertThat(PromptTemplate.compile("{{a}}-{{a}}-{{b}}-{{a}}", Map.of("a", "1", "b", "2")))
                .isEqualTo("1-1-2-1");
    }

    @Test
    void insertsDollarSignsAndBackslashesLiterally() {
        String value = "costs $1 and C:\\path\\$2 \\n";

        assertThat(PromptTemplate.compile("[{{v}}]", Map.of("v", value))).isEqualTo("[" + value + "]");
    }

    @Test
    void doesNotSubstituteInsideInsertedValues() {
        Map<String, String> vars = Map.of("a", "{{b}}", "b", "B");

        assertThat(PromptTemplate.compile("{{a}} {{b}}", vars)).isEqualTo("{{b}} B");
    }

    @Test
    void writesNonStringValuesAsCompactJson() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("phase", "pitch");
        state.put("objections", List.of("price"));
        Map<String, Object> vars = Map.of(
                "state", state, "n", 3, "ok", true, "ratio", 0.5, "node", Json.MAPPER.createObjectNode().put("k", "v"));

        String out = PromptTemplate.compile("{{state}}|{{n}}|{{ok}}|{{ratio}}|{{node}}", vars);

        assertThat(out).isEqualTo("{\"phase\":\"pitch\",\"objections\":[\"price\"]}|3|true|0.5|{\"k\":\"v\"}");
    }

    @Test
    void insertsTextJsonNodesWithoutQuotes() {
        assertThat(PromptTemplate.compile("{{t}}", Map.of("t", Json.MAPPER.getNodeFactory().textNode("plain"))))
                .isEqualTo("plain");
    }

    @Test
    void nullValuesBecomeEmptyLikeLangfusePython() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("gone", null);

        assertThat(PromptTemplate.compile("a{{gone}}b", vars)).isEqualTo("ab");
    }

    @Test
    void leavesUnclosedBracesAndSingleBracesAlone() {
        Map<String, String> vars = Map.of("x", "X");

        assertThat(PromptTemplate.compile("{\"json\": {x}} {{x}} {{x", vars)).isEqualTo("{\"json\": {x}} X {{x");
    }

    @Test
    void keepsTheTemplateUnchangedWithoutVariables() {
        assertThat(PromptTemplate.compile("{{x}}", Map.of())).isEqualTo("{{x}}");
        assertThat(PromptTemplate.compile("{{x}}", null)).isEqualTo("{{x}}");
    }

    @Test
    void listsDistinctVariableNamesInOrderOfFirstUse() {
        assertThat(PromptTemplate.variables("{{ b }} {{a}} {{b}} text {{c}}")).containsExactly("b", "a", "c");
        assertThat(PromptTemplate.variables("no variables")).isEmpty();
    }
}
