package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import vaa.io.Json;

class RoleTest {

    @ParameterizedTest
    @CsvSource({
        "agent, AGENT", "Assistant, AGENT", "bot, AGENT", "AI, AGENT", "seller, AGENT", "Sælger, AGENT",
        "rep, AGENT", "Operator, AGENT", "Customer Service Agent, AGENT", "AI Assistant, AGENT",
        "customer, CUSTOMER", "User, CUSTOMER", "caller, CUSTOMER", "client, CUSTOMER", "Human, CUSTOMER",
        "Kunden, CUSTOMER", "Customer (Jens), CUSTOMER",
        "Speaker 1, OTHER", "IVR, OTHER", "system, OTHER", "Agentur, OTHER"
    })
    void normalisesCommonSpeakerLabels(String label, Role expected) {
        assertThat(Role.fromLabel(label)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingLabelIsOther(String label) {
        assertThat(Role.fromLabel(label)).isEqualTo(Role.OTHER);
    }

    @org.junit.jupiter.api.Test
    void serialisesLowercase() {
        assertThat(Json.pretty(Role.CUSTOMER)).isEqualTo("\"customer\"\n");
        assertThat(Role.AGENT.wireName()).isEqualTo("agent");
        assertThat(Role.OTHER.wireName()).isEqualTo("other");
    }
}
