package org.leadsync.port;

/** A static Dynamics marketing list and the kind of record it holds (docs/api.md, Microsoft Campaign). */
public record MarketingList(String id, String name, CrmEntity memberType) {
}
