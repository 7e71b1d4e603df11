package org.leadsync.port;

import java.util.Arrays;

/** The two kinds of Dynamics record a person can be linked to (docs/sync-rules.md, terms). */
public enum CrmEntity {
    LEAD("lead"),
    CONTACT("contact");

    private final String logicalName;

    CrmEntity(String logicalName) {
        this.logicalName = logicalName;
    }

    /** Dynamics' logical name, also the word the API uses (`"entity": "lead"`). */
    public String logicalName() {
        return logicalName;
    }

    public static CrmEntity fromLogicalName(String name) {
        return Arrays.stream(values())
                .filter(e -> e.logicalName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Dynamics entity: " + name));
    }
}
