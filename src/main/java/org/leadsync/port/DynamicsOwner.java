package org.leadsync.port;

/** Who owns a Dynamics record: a user (systemuser) or a team, by id (docs/api.md, Other flow actions). */
public record DynamicsOwner(Kind kind, String id) {

    public enum Kind {
        USER("systemuser"), TEAM("team");

        private final String logicalName;

        Kind(String logicalName) {
            this.logicalName = logicalName;
        }

        /** Dynamics' logical name, also the word the API answers (`"ownerType": "team"`). */
        public String logicalName() {
            return logicalName;
        }
    }
}
