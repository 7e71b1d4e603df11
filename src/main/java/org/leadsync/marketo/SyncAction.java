package org.leadsync.marketo;

/** How an upsert treats existing persons (Marketo's `action`). */
public enum SyncAction {
    CREATE_OR_UPDATE("createOrUpdate"), CREATE_ONLY("createOnly"), UPDATE_ONLY("updateOnly");

    final String wireName;

    SyncAction(String wireName) {
        this.wireName = wireName;
    }
}
