package org.leadsync.sandbox.marketo;

/** One field of the emulated lead database, as leads/describe.json reports it. */
record MarketoField(int id, String name, String displayName, String dataType, Integer length, boolean readOnly) {
}
