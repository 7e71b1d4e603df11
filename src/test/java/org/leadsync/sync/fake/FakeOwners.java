package org.leadsync.sync.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadsync.port.DynamicsDirectory;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.Owner;
import org.leadsync.port.OwnerChanges;
import org.leadsync.port.OwnerKind;

/**
 * Dynamics users and teams in memory, with change tracking as {@link DynamicsDirectory} documents it: a null cursor
 * reads every row and ends with a delta cursor; a delta cursor answers the rows changed since and deleted ids.
 */
public final class FakeOwners implements DynamicsDirectory {

    private record Version(Owner owner, String deletedId, long version) {
    }

    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private final List<Version> log = new ArrayList<>();
    private long version;
    private int reads;
    private int expiredBelow;

    /** A user or team created or edited in Dynamics; answers its id. */
    public String put(OwnerKind kind, String id, String firstName, String lastName, String email, String phone, String title) {
        Owner owner = new Owner(id == null ? UUID.randomUUID().toString() : id, kind, firstName, lastName, email, phone, title);
        owners.put(owner.id(), owner);
        log.add(new Version(owner, null, ++version));
        return owner.id();
    }

    public String user(String firstName, String lastName, String email) {
        return put(OwnerKind.SYSTEMUSER, null, firstName, lastName, email, null, null);
    }

    public Owner get(String id) {
        return owners.get(DynamicsId.of(id));
    }

    public void delete(String id) {
        Owner gone = owners.remove(DynamicsId.of(id));
        log.add(new Version(null, gone.id(), ++version));
    }

    /** Every delta cursor handed out so far is refused from now on. */
    public void expireDeltaLinks() {
        expiredBelow = (int) version + 1;
    }

    /** How many pages of the users and teams feeds were read. */
    public int reads() {
        return reads;
    }

    @Override
    public OwnerChanges ownerChanges(OwnerKind kind, String cursor) {
        reads++;
        long since = 0;
        if (cursor != null) {
            String[] parts = cursor.split(":");
            if (!parts[0].equals(kind.logicalName()) || Long.parseLong(parts[2]) < expiredBelow) {
                throw new DynamicsNotFound("Change tracking token expired: " + cursor);
            }
            since = Long.parseLong(parts[1]);
        }
        Map<String, Object> latest = new LinkedHashMap<>();
        for (Version v : log) {
            if (v.version() > since) {
                String id = v.owner() != null ? v.owner().id() : v.deletedId();
                if (v.owner() == null || v.owner().kind() == kind) {
                    latest.remove(id);
                    latest.put(id, v);
                }
            }
        }
        List<Owner> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Object o : latest.values()) {
            Version v = (Version) o;
            if (v.owner() != null) {
                changed.add(v.owner());
            } else if (cursor != null) {
                deleted.add(v.deletedId());
            }
        }
        return new OwnerChanges(changed, deleted, kind.logicalName() + ":" + version + ":" + version, true);
    }
}
