package vaa.transcript;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors, shortened to what a user needs: the problem and where. */
final class JsonErrors {
    private JsonErrors() {}

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "parse error" : e.getOriginalMessage();
        // Jackson appends source descriptions ("(start marker at [Source: ...])", "at [Source: ...]") and
        // sometimes a second line of hints; the location is reported separately below.
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        int source = message.indexOf("[Source:");
        if (source >= 0) {
            message = message.substring(0, source).replaceAll("\\s*\\(?(start marker )?at\\s*$", "");
        }
        message = message.strip();
        if (message.startsWith("Trailing token")) {
            message = "unexpected content after the JSON document";
        }
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            return message + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        }
        return message;
    }
}
