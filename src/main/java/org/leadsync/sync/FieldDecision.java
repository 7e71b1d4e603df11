package org.leadsync.sync;

/** What the merge decided for one mapped field of one linked pair (R7-R9). Values are normalised. */
public sealed interface FieldDecision {

    String field();

    /** The value both sides hold once the decision is carried out: the next snapshot. */
    String agreedValue();

    /** Both sides already hold the same value; nothing is written. */
    record Agreed(String field, String agreedValue) implements FieldDecision {
    }

    /** Only one side changed (or one side is empty on first link): copy it to the other. */
    record Copy(String field, Side from, String agreedValue) implements FieldDecision {
    }

    /** Both sides changed to different values: the winner's value overwrites the loser's (R8). */
    record Collision(String field, String marketoValue, String dynamicsValue, Side winner) implements FieldDecision {
        @Override
        public String agreedValue() {
            return winner == Side.MARKETO ? marketoValue : dynamicsValue;
        }
    }

    /** The side whose value must be overwritten, or null when nothing is written. */
    default Side writeTo() {
        if (this instanceof Copy copy) {
            return copy.from().other();
        }
        if (this instanceof Collision collision) {
            return collision.winner().other();
        }
        return null;
    }
}
