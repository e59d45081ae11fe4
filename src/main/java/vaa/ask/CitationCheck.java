package vaa.ask;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The citations of an answer: every call of this run cited (first-citation order), and every cited id that was
 * not in the context, each with the reason — a call of this run the model was not shown, or no call of this run
 * at all (a mistyped or invented id, which is only here, never among the cited).
 */
public record CitationCheck(List<String> cited, List<Flag> flagged) {
    public static final String NOT_SHOWN = "a call of this run, but not in the context the model was given";
    public static final String UNKNOWN = "not a call of this run";
    /** No answer, so nothing cited. */
    public static final CitationCheck NONE = new CitationCheck(List.of(), List.of());

    public CitationCheck {
        cited = List.copyOf(cited);
        flagged = List.copyOf(flagged);
    }

    public record Flag(@JsonProperty("id") String id, @JsonProperty("reason") String reason) {}

    /** The cited ids that were in the context. */
    public List<String> valid() {
        return cited.stream().filter(id -> flagged.stream().noneMatch(f -> f.id().equals(id))).toList();
    }
}
