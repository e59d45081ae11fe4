package vaa.transcript;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/** Who spoke an utterance, as far as analytics cares: the agent (bot or human seller), the customer, or anyone else. */
public enum Role {
    AGENT,
    CUSTOMER,
    OTHER;

    // Lower-cased single words; a label matches when any of its words is in a set, agent words first,
    // so "Customer Service Agent" is an agent and "AI Assistant" too.
    private static final Set<String> AGENT_WORDS =
            Set.of("agent", "assistant", "bot", "ai", "seller", "sælger", "rep", "operator");
    private static final Set<String> CUSTOMER_WORDS =
            Set.of("customer", "user", "caller", "client", "human", "kunden", "kunde");

    /** The name used in canonical JSON and on screen: "agent", "customer", "other". */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps a speaker label as written by a platform or a person ("Assistant", "Kunden", "caller") to a role. */
    public static Role fromLabel(String label) {
        if (label == null) {
            return OTHER;
        }
        String[] words = label.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        for (String word : words) {
            if (AGENT_WORDS.contains(word)) {
                return AGENT;
            }
        }
        for (String word : words) {
            if (CUSTOMER_WORDS.contains(word)) {
                return CUSTOMER;
            }
        }
        return OTHER;
    }
}
