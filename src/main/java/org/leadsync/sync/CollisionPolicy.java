package org.leadsync.sync;

import org.leadsync.port.CrmEntity;

/** R8: when the same field changed on both sides, Marketo wins for leads and Dynamics wins for contacts. */
public final class CollisionPolicy {

    private CollisionPolicy() {
    }

    public static Side winnerFor(CrmEntity entity) {
        return entity == CrmEntity.LEAD ? Side.MARKETO : Side.DYNAMICS;
    }
}
