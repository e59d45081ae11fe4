package vaa.ask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code [call_id]} citations in an answer and checks each against the ids the model was shown.
 *
 * <p>A bracket counts as a citation when everything inside it is one or more id-shaped tokens
 * separated by commas or semicolons ({@code [a]}, {@code [a, b]}); {@code [see above]} and markdown
 * links {@code [text](url)} are prose, not citations. The check is strict on purpose: a bracketed
 * {@code [1]} is flagged too, because the prompt asks for call ids and nothing else in brackets.
 */
final class Citations {
    private static final Pattern BRACKET = Pattern.compile("\\[([^\\[\\]\\n]{1,400})](?!\\()");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,;]\\s*");

    private Citations() {}

    static CitationCheck check(String answer, Set<String> contextIds, Predicate<String> isRunCall) {
        Set<String> cited = new LinkedHashSet<>();
        Matcher m = BRACKET.matcher(answer);
        while (m.find()) {
            List<String> ids = ids(m.group(1));
            cited.addAll(ids);
        }
        List<CitationCheck.Flag> flagged = new ArrayList<>();
        for (String id : cited) {
            if (!contextIds.contains(id)) {
                flagged.add(new CitationCheck.Flag(id, isRunCall.test(id) ? CitationCheck.NOT_SHOWN : CitationCheck.UNKNOWN));
            }
        }
        // cited ids are ids of this run; a bracketed "[call_id]" or an invented id is only in the flagged list
        List<String> ofRun = cited.stream().filter(id -> contextIds.contains(id) || isRunCall.test(id)).toList();
        return new CitationCheck(ofRun, flagged);
    }

    /** The ids in a bracket, or none when it holds anything else. Backticks around an id are tolerated. */
    private static List<String> ids(String inside) {
        List<String> ids = new ArrayList<>();
        for (String part : SEPARATOR.split(inside.strip())) {
            String id = part.strip();
            if (id.length() > 2 && id.startsWith("`") && id.endsWith("`")) {
                id = id.substring(1, id.length() - 1);
            }
            if (!ID.matcher(id).matches()) {
                return List.of();
            }
            ids.add(id);
        }
        return ids;
    }
}
