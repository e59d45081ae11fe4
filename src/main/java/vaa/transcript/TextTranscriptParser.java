package vaa.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text transcripts: one {@code Label: text} line per turn, optionally prefixed by {@code [mm:ss]} or
 * {@code [hh:mm:ss]} (the turn's start); lines without a label continue the previous turn (also after a
 * {@code Label:} line with nothing after the colon); blank lines are ignored. A label is at most four words
 * and starts with a letter, so "Note: we open at 9:30" inside a turn still starts a new turn labelled "Note" -
 * the price of a format with no markup.
 */
final class TextTranscriptParser {
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(?:\\[(?:(\\d{1,2}):)?(\\d{1,3}):(\\d{2}(?:\\.\\d{1,3})?)\\]\\s*)?"
                    + "(?:(\\p{L}[\\p{L}\\p{N} _.'()#-]{0,39}?)\\s*:)?\\s*(.*?)\\s*$");
    private static final int MAX_LABEL_WORDS = 4;

    private TextTranscriptParser() {}

    static Call parse(List<String> lines, String id) {
        List<Turn> turns = new ArrayList<>();
        boolean anyText = false;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = lineNo == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            if (line.isBlank()) {
                continue;
            }
            anyText = true;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("the line pattern matches every line");
            }
            String label = m.group(4);
            if (label != null && label.strip().split("\\s+").length <= MAX_LABEL_WORDS) {
                turns.add(new Turn(label.strip(), startSeconds(m), new StringBuilder(m.group(5))));
            } else if (turns.isEmpty()) {
                throw new NotATranscriptException("line " + lineNo + ": expected 'Speaker: text' (e.g. 'Agent: Hello')");
            } else {
                // a continuation: the whole line, minus any timestamp prefix
                String text = label != null ? line.substring(m.start(4)).strip() : m.group(5);
                StringBuilder sb = turns.get(turns.size() - 1).text();
                sb.append(sb.length() == 0 ? "" : " ").append(text);
            }
        }
        if (!anyText) {
            throw new NotATranscriptException("empty file");
        }
        List<Utterance> utterances = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            utterances.add(new Utterance(Role.fromLabel(t.label()), t.label(), t.text().toString(), t.start(), null));
        }
        return new Call(id, utterances);
    }

    private static Double startSeconds(Matcher m) {
        if (m.group(2) == null) {
            return null;
        }
        int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        return Times.round(hours * 3600 + minutes * 60 + Double.parseDouble(m.group(3)));
    }

    private record Turn(String label, Double start, StringBuilder text) {}
}
