package org.leadsync.sync;

/** How fields without a snapshot are decided. */
public enum MergeMode {
    /** R7 with R9 for fields never agreed: empty takes the other side, differences go to R8. */
    THREE_WAY,
    /** A field newly added to the mappings is filled from Dynamics; Dynamics wins the first fill (docs/api.md). */
    FILL_FROM_DYNAMICS
}
