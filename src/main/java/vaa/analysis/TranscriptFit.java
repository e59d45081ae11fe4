package vaa.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a numbered transcript to a number of characters for {@code --truncate}: it keeps the start (what the customer
 * came for) and the end (how the call ended), which is what a judgement of the call's outcome and friction needs most,
 * and puts one line in place of the middle that says which utterances were left out. Utterances keep their numbers, so
 * the judgement's evidence still points at the real transcript.
 */
final class TranscriptFit {
    /** Kept free for the line that replaces the middle. */
    private static final int MARKER_CHARS = 160;
    /** A part of an utterance shorter than this is not worth sending. */
    private static final int MIN_PART_CHARS = 200;
    private static final String CUT = " [… cut to fit the model's context window]\n";

    /** The transcript as sent, and what was left out (null when it fit whole). */
    record Fitted(String text, Provenance.Truncation truncation) {}

    private TranscriptFit() {}

    /**
     * {@code lines}: one numbered line per utterance, each ending in a newline. {@code maxChars} must leave room for at
     * least a few words of the first and last utterance.
     */
    static Fitted fit(List<String> lines, int maxChars, long tokensBefore, int contextWindow) {
        long whole = 0;
        for (String l : lines) {
            whole += l.length();
        }
        if (whole <= maxChars) {
            return new Fitted(String.join("", lines), null);
        }
        int budget = Math.max(0, maxChars - MARKER_CHARS);
        List<Integer> cut = new ArrayList<>();
        List<String> head = new ArrayList<>();
        int used = 0;
        int h = 0;
        for (; h < lines.size() && used + lines.get(h).length() <= budget / 2; h++) {
            head.add(lines.get(h));
            used += lines.get(h).length();
        }
        if (h == 0) {
            // the first utterance alone is over half the budget: its beginning stands for it
            head.add(prefix(lines.get(0), budget / 2));
            used += head.get(0).length();
            cut.add(0);
            h = 1;
        }
        List<String> tail = new ArrayList<>();
        int t = lines.size() - 1;
        for (; t >= h && used + lines.get(t).length() <= budget; t--) {
            tail.add(0, lines.get(t));
            used += lines.get(t).length();
        }
        if (tail.isEmpty() && t >= h && budget - used >= MIN_PART_CHARS) {
            tail.add(prefix(lines.get(t), budget - used));
            used += tail.get(0).length();
            cut.add(t);
            t--;
        }
        // room left over (the tail's next utterance was too long): what follows the head is more to judge on than nothing
        while (h <= t && budget - used >= MIN_PART_CHARS) {
            String next = lines.get(h);
            if (used + next.length() > budget) {
                head.add(prefix(next, budget - used));
                cut.add(h++);
                break;
            }
            head.add(next);
            used += next.length();
            h++;
        }
        java.util.Collections.sort(cut);
        // utterances h..t (inclusive) are left out
        int omitted = t - h + 1;
        StringBuilder text = new StringBuilder(maxChars);
        head.forEach(text::append);
        if (omitted > 0) {
            text.append(String.format(Locale.ROOT, "[… utterances %d–%d (%,d of %,d) left out to fit the model's context window …]\n",
                    h, t, omitted, lines.size()));
        }
        tail.forEach(text::append);
        return new Fitted(text.toString(), new Provenance.Truncation(lines.size(), omitted, omitted > 0 ? h : null,
                omitted > 0 ? t : null, cut, tokensBefore, contextWindow));
    }

    private static String prefix(String line, int chars) {
        int keep = Math.max(0, Math.min(line.length(), chars - CUT.length()));
        return line.substring(0, keep) + CUT;
    }
}
