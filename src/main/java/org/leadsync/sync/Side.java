package org.leadsync.sync;

/** The two systems a linked pair lives in. */
public enum Side {
    MARKETO,
    DYNAMICS;

    public Side other() {
        return this == MARKETO ? DYNAMICS : MARKETO;
    }

    public String label() {
        return this == MARKETO ? "marketo" : "dynamics";
    }
}
