package org.leadsync.port;

/**
 * A Dynamics user or team that owns records, as the Marketo sales person it becomes (docs/sync-rules.md R22).
 * A team has a name where a user has first and last names: its name is the last name. `id` in {@link DynamicsId} form.
 */
public record Owner(String id, OwnerKind kind, String firstName, String lastName, String email, String phone,
                    String title) {

    public Owner {
        id = DynamicsId.of(id);
    }
}
