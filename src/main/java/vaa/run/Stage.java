package vaa.run;

/** The pipeline stages in order, named as status.json names them (seed 000). */
public enum Stage {
    SAMPLING("sampling"),
    ANALYSIS("analysis"),
    METRICS("metrics"),
    NL_EXTRACTION("nl_extraction"),
    INSIGHTS("insights"),
    REPORT("report");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
