package org.leadsync.sync;

/** What one batch of a cycle moved; batches add up into the cycle's {@link CycleRun}. */
public record CycleCounts(int pulledFromMarketo, int pulledFromDynamics, int writtenToMarketo,
                          int writtenToDynamics, int collisions, int failed) {

    public static final CycleCounts NONE = new CycleCounts(0, 0, 0, 0, 0, 0);

    public CycleCounts plus(CycleCounts other) {
        return new CycleCounts(pulledFromMarketo + other.pulledFromMarketo,
                pulledFromDynamics + other.pulledFromDynamics,
                writtenToMarketo + other.writtenToMarketo,
                writtenToDynamics + other.writtenToDynamics,
                collisions + other.collisions,
                failed + other.failed);
    }
}
