package vaa.transcript;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import vaa.VaaException;

/** The transcript formats vaa reads; detected per file, or forced with the lowercase CLI name. */
public enum TranscriptFormat {
    CANONICAL("canonical", "canonical"),
    PROCESSED("processed", "processed conversation"),
    VAPI("vapi", "Vapi"),
    RETELL("retell", "Retell"),
    DEEPGRAM("deepgram", "Deepgram"),
    TEXT("text", "plain text");

    private final String cliName;
    private final String displayName;

    TranscriptFormat(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    public String cliName() {
        return cliName;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses a CLI name (case-insensitive); an unknown name is a usage error listing the valid ones. */
    public static TranscriptFormat fromCliName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.cliName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> VaaException.usage("unknown transcript format '" + name + "' (expected one of: "
                        + Arrays.stream(values()).map(TranscriptFormat::cliName).collect(Collectors.joining(", "))
                        + ")"));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
