package org.leadsync.sandbox;

/**
 * POST /sandbox/admin/seed. Every system derives its rows from the same plan, so the overlap between
 * Marketo persons and Dynamics records (shared emails) is known to both: see {@link #sharedEmail(int)}.
 */
public record SeedRequest(Integer dynamicsLeads, Integer dynamicsContacts, Integer marketoPersons,
                          Double overlap, Long seed) {

    public int leads() {
        return dynamicsLeads == null ? 0 : dynamicsLeads;
    }

    public int contacts() {
        return dynamicsContacts == null ? 0 : dynamicsContacts;
    }

    public int persons() {
        return marketoPersons == null ? 0 : marketoPersons;
    }

    public double overlapFraction() {
        return overlap == null ? 0.0 : overlap;
    }

    public long randomSeed() {
        return seed == null ? 42L : seed;
    }

    public String leadEmail(int i) {
        return "seed-lead-" + i + "@example.com";
    }

    public String contactEmail(int i) {
        return "seed-contact-" + i + "@example.com";
    }

    /** How many Marketo persons carry the email of a Dynamics record. */
    public int overlapping() {
        return (int) Math.min(Math.round(persons() * overlapFraction()), (long) leads() + contacts());
    }

    /** The email of Marketo person i: the first {@link #overlapping()} share a lead's or contact's email. */
    public String personEmail(int i) {
        return i < overlapping() ? sharedEmail(i) : "seed-person-" + i + "@example.com";
    }

    /** Shared emails take the leads first, then the contacts. */
    public String sharedEmail(int i) {
        return i < leads() ? leadEmail(i) : contactEmail(i - leads());
    }
}
