package org.leadsync.sync;

/** R13: a record syncs when `new_synctomkto` does not exist, is null, or is true; not when it is false. */
public final class SyncFilter {

    public static final String ATTRIBUTE = "new_synctomkto";

    private SyncFilter() {
    }

    public static boolean passes(Object syncToMarketo) {
        if (syncToMarketo == null) {
            return true;
        }
        if (syncToMarketo instanceof Boolean flag) {
            return flag;
        }
        return !"false".equalsIgnoreCase(syncToMarketo.toString().trim());
    }
}
