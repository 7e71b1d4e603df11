package org.leadsync.port;

/** What became of one write of a batch, in the order the writes were given. */
public record WriteOutcome(Kind kind, String id, String code, String message, String attribute) {

    public enum Kind { SUCCESS, VALIDATION_FAILED, NOT_FOUND, CONFLICT, TRANSIENT }

    public static WriteOutcome success(String id) {
        return new WriteOutcome(Kind.SUCCESS, id, null, null, null);
    }

    public boolean succeeded() {
        return kind == Kind.SUCCESS;
    }
}
