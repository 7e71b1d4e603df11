package org.leadsync.port;

/** The two Dynamics tables whose rows own leads and contacts (docs/sync-rules.md R22): users and teams. */
public enum OwnerKind {
    SYSTEMUSER("systemuser"), TEAM("team");

    private final String logicalName;

    OwnerKind(String logicalName) {
        this.logicalName = logicalName;
    }

    public String logicalName() {
        return logicalName;
    }
}
