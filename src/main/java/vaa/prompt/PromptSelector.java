package vaa.prompt;

import vaa.VaaException;

/**
 * Which version of a named prompt to use: a label (Langfuse's default is {@code production}) or an
 * exact version number. Exactly one of the two is set.
 */
public record PromptSelector(String label, Integer version) {
    public static final String PRODUCTION = "production";
    public static final String LATEST = "latest";

    public PromptSelector {
        if ((label == null) == (version == null)) {
            throw new IllegalArgumentException("a prompt selector needs exactly one of label or version");
        }
        if (label != null && label.isBlank()) {
            throw VaaException.usage("A prompt label must not be empty");
        }
        if (version != null && version < 1) {
            throw VaaException.usage("A prompt version must be 1 or higher, got " + version);
        }
        if (label != null) {
            label = label.strip();
        }
    }

    /** What Langfuse serves when no label or version is asked for. */
    public static PromptSelector production() {
        return new PromptSelector(PRODUCTION, null);
    }

    public static PromptSelector latest() {
        return new PromptSelector(LATEST, null);
    }

    public static PromptSelector label(String label) {
        if (label == null) {
            throw VaaException.usage("A prompt label must not be empty");
        }
        return new PromptSelector(label, null);
    }

    public static PromptSelector version(int version) {
        return new PromptSelector(null, version);
    }

    /** For command options {@code --label L | --version V}: neither means production, both is a usage error. */
    public static PromptSelector of(String label, Integer version) {
        if (label != null && version != null) {
            throw VaaException.usage("Give either --label or --version, not both");
        }
        if (version != null) {
            return version(version);
        }
        return label == null ? production() : label(label);
    }

    public boolean isVersion() {
        return version != null;
    }

    /** "label production" or "version 3", as used in messages. */
    public String describe() {
        return isVersion() ? "version " + version : "label " + label;
    }
}
