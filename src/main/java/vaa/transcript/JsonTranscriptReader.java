package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Turns one parsed JSON document of a known format into a call. */
interface JsonTranscriptReader {
    /**
     * @param root the parsed document
     * @param file where it came from (processed conversations look for the campaign's speaker map next to it)
     * @return the call, possibly with no utterances (the caller reports that)
     * @throws NotATranscriptException when the document lacks what the format needs
     */
    Call read(JsonNode root, Path file);

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
