package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.sync.fake.FakeDynamics;
import org.leadsync.sync.fake.FakeMarketo;
import org.leadsync.sync.fake.FakeOwners;
import org.leadsync.sync.fake.FakeSalesPersons;
import org.leadsync.sync.fake.InMemoryActivityLog;
import org.leadsync.sync.fake.InMemoryCreationIntents;
import org.leadsync.sync.fake.InMemoryCursors;
import org.leadsync.sync.fake.InMemoryFieldMappings;
import org.leadsync.sync.fake.InMemoryFieldQuarantine;
import org.leadsync.sync.fake.InMemoryIntents;
import org.leadsync.sync.fake.InMemoryLinks;
import org.leadsync.sync.fake.TickingClock;

/**
 * The real cycle ({@link SyncCycle} with the real feeds, {@link PairSync} and {@link PersonCreation}) wired by
 * hand to in-memory vendors and tables. Each feed page runs in an emulated transaction: if it throws, the
 * links, cursors and activity entries it touched roll back, as the container would do (R6); vendor writes
 * already made stay made.
 */
final class SyncWorld {

    /** A person and the record it is linked to. */
    record Pair(long personId, CrmEntity entity, String dynamicsId) {
    }

    final TickingClock clock = new TickingClock(Instant.parse("2025-03-03T08:00:00Z"));
    final FakeMarketo marketo = new FakeMarketo(clock);
    final FakeDynamics dynamics = new FakeDynamics();
    final FakeOwners owners = new FakeOwners();
    final FakeSalesPersons salesPersons = new FakeSalesPersons();
    final InMemoryLinks links = new InMemoryLinks();
    final InMemoryCursors cursors = new InMemoryCursors();
    final InMemoryIntents intents = new InMemoryIntents();
    final InMemoryCreationIntents creationIntents = new InMemoryCreationIntents();
    final InMemoryActivityLog log = new InMemoryActivityLog();
    final InMemoryFieldMappings mappings = InMemoryFieldMappings.defaults();
    final InMemoryFieldQuarantine quarantine = new InMemoryFieldQuarantine();
    final List<CycleRun> runs = new ArrayList<>();
    final PersonCreation creation = new PersonCreation();
    final MarketoEmailCensus census = new MarketoEmailCensus();
    private final SyncCycle cycle = new SyncCycle();
    private boolean crashBeforeNextCommit;
    private boolean crashAfterNextWrite;

    SyncWorld() {
        mappings.onForgetSnapshots(field -> links.all().forEach(link -> link.forgetSnapshot(field)));
        PairSync pairs = new PairSync();
        pairs.marketo = marketo;
        pairs.dynamics = dynamics;
        pairs.activities = log;
        pairs.intents = intents;
        pairs.clock = clock;

        creation.marketo = marketo;
        creation.bulk = marketo;
        census.bulk = marketo;
        census.clock = clock;
        census.censusSince = java.util.Optional.empty(); // bulk creation off unless a test turns it on
        census.maxAge = java.time.Duration.ofMinutes(5);
        creation.census = census;
        creation.bulkThreshold = 1000;
        creation.links = links;
        creation.creationIntents = creationIntents;
        creation.pairs = pairs;
        creation.activities = log;
        creation.clock = clock;

        DynamicsFeedSync dynamicsFeed = new DynamicsFeedSync() {
            @Override
            public PageResult syncNextPage(CrmEntity entity) {
                return inTransaction(() -> super.syncNextPage(entity));
            }
        };
        dynamicsFeed.dynamics = dynamics;
        dynamicsFeed.marketo = marketo;
        dynamicsFeed.links = links;
        dynamicsFeed.cursors = cursors;
        dynamicsFeed.mappings = mappings;
        dynamicsFeed.pairs = pairs;
        dynamicsFeed.creation = creation;
        dynamicsFeed.activities = log;
        dynamicsFeed.clock = clock;

        MarketoFeedSync marketoFeed = new MarketoFeedSync() {
            @Override
            public PageResult syncNextPage() {
                return inTransaction(super::syncNextPage);
            }
        };
        marketoFeed.marketo = marketo;
        marketoFeed.dynamics = dynamics;
        marketoFeed.links = links;
        marketoFeed.cursors = cursors;
        marketoFeed.mappings = mappings;
        marketoFeed.pairs = pairs;
        marketoFeed.activities = log;
        marketoFeed.clock = clock;

        FieldBackfill backfill = new FieldBackfill(); // with no field marked for a fill it only reads the set
        backfill.mappings = mappings;
        backfill.marketo = marketo;
        backfill.dynamics = dynamics;
        backfill.pairs = pairs;

        cycle.history = new CycleHistory() {
            @Override
            public long start(String holder, Instant now) {
                runs.add(new CycleRun(holder, now));
                return runs.size() - 1;
            }

            @Override
            public void add(long runId, CycleCounts counts) {
                runs.get((int) runId).add(counts);
            }

            @Override
            public void finish(long runId, String outcome, String message, Instant now) {
                runs.get((int) runId).finish(outcome, message, now);
            }

            @Override
            public Optional<CycleRun> latestFinished() {
                return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
            }
        };
        cycle.lease = new CycleLease() {
            @Override
            public boolean tryAcquire(String holder, Instant now) {
                return true;
            }

            @Override
            public boolean renew(String holder, Instant now) {
                return true;
            }

            @Override
            public void release(String holder) {
            }

            @Override
            public SyncLease current() {
                return new SyncLease();
            }

            /** Fencing of commits by the lease epoch (R4), where the lease has it: this instance always holds. */
            public void fence(String holder, long epoch, Instant now) {
            }

            @Override
            public SyncLease setPaused(boolean paused) {
                throw new UnsupportedOperationException("pause is not part of these tests");
            }
        };
        OwnerFeedSync ownerFeed = new OwnerFeedSync() {
            @Override
            public PageResult syncNextPage(org.leadsync.port.OwnerKind kind) {
                return inTransaction(() -> super.syncNextPage(kind), false); // the crash tests aim at person pages
            }
        };
        ownerFeed.directory = owners;
        ownerFeed.salesPersons = salesPersons;
        ownerFeed.cursors = cursors;
        ownerFeed.activities = log;
        ownerFeed.clock = clock;
        cycle.ownerFeed = ownerFeed;
        cycle.dynamicsFeed = dynamicsFeed;
        cycle.marketoFeed = marketoFeed;
        cycle.backfill = backfill;
        cycle.activityPush = new ActivityPush() {
            @Override
            public int pushPending() {
                return 0; // R20's push is not part of these tests
            }
        };
        cycle.clock = clock;

        for (Object bean : List.of(pairs, creation, dynamicsFeed, marketoFeed, ownerFeed, backfill, cycle)) {
            completeInjection(bean);
        }
    }

    /**
     * Gives an injected field the assignments above do not cover a stand-in: the fakes by type, or a new instance
     * of a plain holder class with nothing injected itself (such as the instance's side of the lease). Fails,
     * naming the field, for anything else, so a new collaborator cannot reach a null EntityManager unnoticed.
     */
    private void completeInjection(Object bean) {
        List<Object> standIns = List.of(marketo, dynamics, owners, salesPersons, quarantine, links, cursors, intents, creationIntents, log, mappings, clock, cycle.lease,
                cycle.history);
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!field.isAnnotationPresent(Inject.class) || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(bean) != null) {
                        continue;
                    }
                    Object standIn = standIns.stream().filter(field.getType()::isInstance).findFirst().orElse(null);
                    if (standIn == null && isPlainHolder(field.getType())) {
                        var constructor = field.getType().getDeclaredConstructor();
                        constructor.setAccessible(true);
                        standIn = constructor.newInstance();
                    }
                    if (standIn == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + field.getName()
                                + " has no in-memory stand-in in SyncWorld");
                    }
                    field.set(bean, standIn);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot wire " + type.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
    }

    private static boolean isPlainHolder(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())
                || !type.getPackageName().equals(SyncWorld.class.getPackageName())) {
            return false;
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(Inject.class) || field.isAnnotationPresent(PersistenceContext.class)) {
                return false;
            }
        }
        return true;
    }

    // ---- running ---------------------------------------------------------------------------------------------

    /** One background cycle (R3): leads feed, contacts feed, Marketo feed. Answers its record. */
    CycleRun cycle() {
        cycle.run("unit-test");
        return runs.get(runs.size() - 1);
    }

    /** One cycle that must finish. */
    CycleRun sync() {
        CycleRun run = cycle();
        assertEquals("finished", run.outcome(), () -> "cycle outcome: " + run.message());
        return run;
    }

    /** The next page's work is done, vendor writes included, but the process dies before its commit. */
    void crashBeforeNextCommit() {
        crashBeforeNextCommit = true;
    }

    /** The first page that writes to a vendor does so, then the process dies before that page commits. */
    void crashAfterNextWrite() {
        crashAfterNextWrite = true;
    }

    private int vendorWrites() {
        return marketo.updatesReceived().size() + marketo.createsReceived().size() + dynamics.writesReceived().size();
    }

    private <T> T inTransaction(Supplier<T> page) {
        return inTransaction(page, true);
    }

    private <T> T inTransaction(Supplier<T> page, boolean crashable) {
        Object linksBefore = links.checkpoint();
        Object cursorsBefore = cursors.checkpoint();
        int entriesBefore = log.size();
        int writesBefore = vendorWrites();
        intents.checkpoint();
        creationIntents.checkpoint();
        try {
            T result = page.get();
            links.checkUnique(); // the unique constraints of R1 are checked at the latest at commit
            if (crashable && (crashBeforeNextCommit || (crashAfterNextWrite && vendorWrites() > writesBefore))) {
                crashBeforeNextCommit = false;
                crashAfterNextWrite = false;
                throw new IllegalStateException("killed before the commit");
            }
            return result;
        } catch (RuntimeException e) {
            links.rollback(linksBefore);
            cursors.rollback(cursorsBefore);
            intents.rollback();
            creationIntents.rollback();
            log.truncate(entriesBefore);
            // the container hands system exceptions on wrapped, application exceptions as they are
            throw e.getClass().isAnnotationPresent(ApplicationException.class) ? e : new EJBException(e);
        }
    }

    // ---- givens ----------------------------------------------------------------------------------------------

    /** A lead created in Dynamics and synced by a cycle: its person was created and linked (R10). */
    Pair linkedLead(String name) {
        String leadId = dynamics.insert(CrmEntity.LEAD, "emailaddress1", name + "@example.com", "firstname", "Fay",
                "lastname", name, "companyname", "Acme", "jobtitle", "Manager", "subject", "Web enquiry");
        return synced(CrmEntity.LEAD, leadId);
    }

    /** A contact created in Dynamics and synced by a cycle. */
    Pair linkedContact(String name) {
        String contactId = dynamics.insert(CrmEntity.CONTACT, "emailaddress1", name + "@example.com", "firstname", "Cal",
                "lastname", name, "jobtitle", "Manager");
        return synced(CrmEntity.CONTACT, contactId);
    }

    private Pair synced(CrmEntity entity, String dynamicsId) {
        sync();
        List<Long> persons = marketo.idsWhere(CrmFields.ID, dynamicsId);
        assertEquals(1, persons.size(), "one person for " + dynamicsId);
        return new Pair(persons.get(0), entity, dynamicsId);
    }

    // ---- inspecting ------------------------------------------------------------------------------------------

    RecordLink linkOf(long personId) {
        return links.byPerson(personId).orElse(null);
    }

    RecordLink linkOfRecord(String dynamicsId) {
        return links.byDynamicsId(dynamicsId).orElse(null);
    }

    FieldSet fields(CrmEntity entity) {
        return FieldSet.of(entity, mappings.current());
    }

    Map<String, String> snapshot(Pair pair) {
        return linkOf(pair.personId()).snapshotValues();
    }

    List<ActivityEntry> entries(long personId) {
        return log.all().stream().filter(e -> Objects.equals(e.personId(), personId)).toList();
    }

    List<String> types(long personId) {
        return entries(personId).stream().map(ActivityEntry::type).toList();
    }

    List<ActivityEntry> entriesOfType(String type) {
        return log.all().stream().filter(e -> e.type().equals(type)).toList();
    }

    /** A mark to read the entries logged after it. */
    int mark() {
        return log.size();
    }

    List<ActivityEntry> since(int mark) {
        return log.all().subList(mark, log.size());
    }

    List<String> typesSince(int mark) {
        return since(mark).stream().map(ActivityEntry::type).toList();
    }

    /** The one entry of `type` among `entries`; fails when there is none or more than one. */
    static ActivityEntry only(List<ActivityEntry> entries, String type) {
        List<ActivityEntry> found = entries.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, found.size(), () -> "one " + type + " entry expected in " + describe(entries));
        return found.get(0);
    }

    static String describe(List<ActivityEntry> entries) {
        return entries.stream().map(e -> e.type() + "/" + e.outcome() + "/" + e.direction() + "/" + e.fieldList()
                + "/" + e.errorCode() + ": " + e.message()).toList().toString();
    }
}
