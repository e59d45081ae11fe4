package vaa.agree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The judgements a label can be checked against: the judge's categorical and yes/no answers (free text such as
 * the intent or the summary has no right answer to count). {@code friction} and {@code agent_error} are yes/no:
 * did the judge find at least one friction point, at least one agent error.
 */
public enum JudgedField {
    OUTCOME("outcome", List.of("resolved", "partially_resolved", "unresolved", "escalated", "abandoned")),
    TASK_COMPLETED("task_completed", Lists.YES_NO),
    ESCALATION_REQUESTED("escalation_requested", Lists.YES_NO),
    SENTIMENT_START("sentiment_start", Lists.SENTIMENTS),
    SENTIMENT_END("sentiment_end", Lists.SENTIMENTS),
    FRICTION("friction", Lists.YES_NO),
    AGENT_ERROR("agent_error", Lists.YES_NO);

    /** In a class of their own: an enum's static fields are not yet set while its constants are built. */
    private static final class Lists {
        static final List<String> YES_NO = List.of("true", "false");
        static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    }

    private final String key;
    private final List<String> categories;

    JudgedField(String key, List<String> categories) {
        this.key = key;
        this.categories = categories;
    }

    public String key() {
        return key;
    }

    /** The values a label may take, in the order tables show them. */
    public List<String> categories() {
        return categories;
    }

    public boolean yesNo() {
        return categories == Lists.YES_NO;
    }

    public static Optional<JudgedField> named(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** "outcome, task_completed, ...", for messages. */
    public static String keys() {
        return Arrays.stream(values()).map(JudgedField::key).collect(Collectors.joining(", "));
    }

    /** The judge's answer as a category, or null when the judgement does not carry one. */
    public String judged(JsonNode judgement) {
        return switch (this) {
            case FRICTION -> anyIn(judgement.path("friction_points"));
            case AGENT_ERROR -> anyIn(judgement.path("agent_errors"));
            default -> {
                JsonNode v = judgement.path(key);
                yield v.isBoolean() ? String.valueOf(v.asBoolean()) : v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : null;
            }
        };
    }

    private static String anyIn(JsonNode list) {
        return list.isArray() ? String.valueOf(!list.isEmpty()) : null;
    }

    /**
     * A label's value as one of {@link #categories()}: yes/no fields take true/false, yes/no, y/n, 1/0 in any case;
     * categorical ones their category in any case, with spaces or hyphens for underscores ("Partially resolved").
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public String normalize(Object raw) {
        if (yesNo()) {
            if (raw instanceof Boolean b) {
                return b.toString();
            }
            String s = String.valueOf(raw).strip().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "y", "1", "t" -> "true";
                case "false", "no", "n", "0", "f" -> "false";
                default -> throw new IllegalArgumentException("'" + raw + "' is not a yes/no value for " + key
                        + " (use true or false, yes or no, 1 or 0)");
            };
        }
        String s = String.valueOf(raw).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (!categories.contains(s)) {
            throw new IllegalArgumentException("'" + raw + "' is not a value of " + key + " (use one of " + String.join(", ", categories) + ")");
        }
        return s;
    }

    /** Why the judge answered as it did, in its own words: the finding behind a yes/no, else the failure reason or the summary. */
    public String reason(JsonNode judgement) {
        JsonNode first = switch (this) {
            case FRICTION -> judgement.path("friction_points").path(0).path("description");
            case AGENT_ERROR -> judgement.path("agent_errors").path(0).path("description");
            default -> judgement.path("failure_reason");
        };
        return first.isTextual() && !first.asText().isBlank() ? first.asText() : judgement.path("summary").asText(null);
    }
}
