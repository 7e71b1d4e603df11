package org.leadsync.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.RollbackException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.fields.FieldMapping;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.sync.SyncLease;

/**
 * The schema on both databases LeadSync supports: Flyway's migrations apply to an empty database and
 * are a no-op the second time; the JPA entities fit the tables; R1's unique constraints hold.
 */
class SchemaPersistenceTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (java.util.function.Supplier<DataSource>) TestDatabases::emptyH2),
                Arguments.of("PostgreSQL", (java.util.function.Supplier<DataSource>) TestDatabases::emptyPostgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrationsApplyOnceThenAreANoOp(String name, java.util.function.Supplier<DataSource> database) {
        DataSource ds = database.get();
        MigrateResult first = DatabaseMigration.migrate(ds);
        assertTrue(first.migrationsExecuted >= 1, "an empty database gets every migration");
        MigrateResult second = DatabaseMigration.migrate(ds);
        assertEquals(0, second.migrationsExecuted, "an already-migrated database is left alone");
        assertEquals(first.targetSchemaVersion, second.initialSchemaVersion);
    }

    /** R6/R10: a creation intent is one row per record; a second one for the same record is refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void creationIntentsFitTheSchema(String name, java.util.function.Supplier<DataSource> database) {
        EntityManagerFactory emf = TestDatabases.migratedUnit(database.get());
        try {
            Instant now = Instant.parse("2026-11-25T10:00:00Z");
            String record = UUID.randomUUID().toString();
            inTransaction(emf, em -> em.persist(new org.leadsync.link.CreationIntent(record, now)));
            EntityManager reader = emf.createEntityManager();
            assertEquals(record, reader.find(org.leadsync.link.CreationIntent.class, record).dynamicsId());
            reader.close();
            assertThrows(RollbackException.class, () -> inTransaction(emf,
                    em -> em.persist(new org.leadsync.link.CreationIntent(record, now))));
        } finally {
            emf.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void entitiesFitTheSchemaAndR1UniqueConstraintsHold(String name, java.util.function.Supplier<DataSource> database) {
        EntityManagerFactory emf = TestDatabases.migratedUnit(database.get());
        try {
            Instant now = Instant.parse("2026-11-25T10:00:00Z");
            String recordA = UUID.randomUUID().toString();
            inTransaction(emf, em -> {
                RecordLink link = new RecordLink(1234, CrmEntity.LEAD, recordA, now);
                link.recordSnapshot("email", "a@example.com", now);
                link.recordSnapshot("lastName", "Orton", now);
                em.persist(link);
                em.persist(new ActivityEntry(1234L, now, ActivityType.CREATED_IN_MARKETO, ActivityOutcome.SUCCESS)
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).record("lead", recordA)
                        .fields(List.of("email", "lastName")));
            });

            EntityManager reader = emf.createEntityManager();
            RecordLink stored = reader.createNamedQuery(RecordLink.BY_PERSON, RecordLink.class)
                    .setParameter("personId", 1234L).getSingleResult();
            assertEquals(recordA, stored.dynamicsId());
            assertEquals(Map.of("email", "a@example.com", "lastName", "Orton"), stored.snapshotValues());
            assertEquals(now, stored.linkedAt(), "instants survive the round trip");
            assertEquals(6, reader.createNamedQuery(FieldMapping.ALL, FieldMapping.class).getResultList().size(),
                    "the default field set of docs/api.md is in place");
            assertEquals(1, reader.createQuery("SELECT l FROM SyncLease l WHERE l.paused = :paused", SyncLease.class)
                    .setParameter("paused", false).getResultList().size(),
                    "flags compare the same way on every database (db/FlagConverter)");
            reader.close();

            RollbackException samePerson = assertThrows(RollbackException.class, () -> inTransaction(emf,
                    em -> em.persist(new RecordLink(1234, CrmEntity.CONTACT, UUID.randomUUID().toString(), now))));
            assertTrue(causeChain(samePerson).contains("UK_RECORD_LINK_PERSON"), causeChain(samePerson));

            RollbackException sameRecord = assertThrows(RollbackException.class, () -> inTransaction(emf,
                    em -> em.persist(new RecordLink(5678, CrmEntity.LEAD, recordA, now))));
            assertTrue(causeChain(sameRecord).contains("UK_RECORD_LINK_DYNAMICS"), causeChain(sameRecord));

            EntityManager counter = emf.createEntityManager();
            assertEquals(1L, counter.createQuery("SELECT COUNT(l) FROM RecordLink l", Long.class).getSingleResult(),
                    "the refused links left nothing behind");
            counter.close();
        } finally {
            emf.close();
        }
    }

    private static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static String causeChain(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c.getMessage()).append(" | ");
        }
        return text.toString().toUpperCase();
    }
}
