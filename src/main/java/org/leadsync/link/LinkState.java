package org.leadsync.link;

import java.util.Arrays;

/** R1: where a link stands. Only active links move updates (R13, R14). */
public enum LinkState {
    ACTIVE("active"),
    DELETED_IN_DYNAMICS("deleted-in-dynamics"),
    FILTERED_OUT("filtered-out");

    private final String label;

    LinkState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static LinkState fromLabel(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown link state: " + label));
    }
}
