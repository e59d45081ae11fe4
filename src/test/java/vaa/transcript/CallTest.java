package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTest {

    @Test
    void copiesMetadataDeeplySoLaterChangesToTheSourceDoNotLeakIn() {
        List<Object> tags = new ArrayList<>(List.of("vip"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tags", tags);
        Call call = new Call("c1", null, null, meta, List.of(new Utterance(Role.AGENT, null, "Hi")));

        tags.add("changed");
        meta.put("added", 1);

        assertThat(call.metadata()).containsOnlyKeys("tags");
        assertThat(call.metadata().get("tags")).isEqualTo(List.of("vip"));
    }

    @Test
    void metadataAndUtterancesAreUnmodifiable() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("k", "v");
        Call call = new Call("c1", null, null, Map.of("nested", nested), List.of(new Utterance(Role.AGENT, null, "Hi")));

        assertThatThrownBy(() -> call.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) call.metadata().get("nested")).put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> call.utterances().add(new Utterance(Role.AGENT, null, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsNullMetadataValuesAndInsertionOrder() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("z", 1);
        meta.put("a", null);
        Call call = new Call("c1", null, null, meta, List.of());

        assertThat(call.metadata().keySet()).containsExactly("z", "a");
        assertThat(call.metadata()).containsEntry("a", null);
    }

    @Test
    void refusesABlankId() {
        assertThatThrownBy(() -> new Call(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheStartTimeWhenItIsIso8601() {
        assertThat(new Call("c", "2025-01-15T10:30:00+01:00", null, null, null).startInstant())
                .contains(Instant.parse("2025-01-15T09:30:00Z"));
        assertThat(new Call("c", "last tuesday", null, null, null).startInstant()).isEmpty();
        assertThat(new Call("c", List.of()).startInstant()).isEmpty();
    }

    @Test
    void utteranceSpeakerLabelDefaultsToTheRoleName() {
        assertThat(new Utterance(Role.CUSTOMER, null, "Hi").speaker()).isEqualTo("customer");
        assertThat(new Utterance(Role.CUSTOMER, "Kunden", "Hi").speaker()).isEqualTo("Kunden");
        assertThat(new Utterance(Role.CUSTOMER, null, "Hi").metadata()).isEmpty();
    }
}
