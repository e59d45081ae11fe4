package vaa.transcript;

import java.util.Objects;

/**
 * Display labels for the two sides of a processed conversation (seed 002's campaigns are Danish sales calls,
 * hence the defaults "Sælger" and "Kunden").
 */
public record SpeakerLabels(String seller, String customer) {
    public static final SpeakerLabels DEFAULT = new SpeakerLabels("Sælger", "Kunden");

    public SpeakerLabels {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(customer, "customer");
        if (seller.isBlank() || customer.isBlank()) {
            throw new IllegalArgumentException("speaker labels must not be blank");
        }
    }
}
