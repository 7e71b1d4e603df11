package org.leadsync.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One background cycle and what it moved, for /api/sync/status (docs/api.md, lastCycle). */
@Entity
@Table(name = "cycle_run")
@NamedQuery(name = CycleRun.NEWEST_FIRST,
        query = "SELECT r FROM CycleRun r ORDER BY r.startedAt DESC, r.id DESC")
@NamedQuery(name = CycleRun.NEWEST_BEFORE,
        query = "SELECT r FROM CycleRun r WHERE r.startedAt < :at OR (r.startedAt = :at AND r.id < :id)"
                + " ORDER BY r.startedAt DESC, r.id DESC")
@NamedQuery(name = CycleRun.LATEST_FINISHED,
        query = "SELECT r FROM CycleRun r WHERE r.finishedAt IS NOT NULL ORDER BY r.startedAt DESC")
public class CycleRun {

    public static final String LATEST_FINISHED = "CycleRun.latestFinished";
    public static final String NEWEST_FIRST = "CycleRun.newestFirst";
    public static final String NEWEST_BEFORE = "CycleRun.newestBefore";

    @Id
    @SequenceGenerator(name = "cycle_run_seq", sequenceName = "cycle_run_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cycle_run_seq")
    private Long id;

    @Column(name = "holder", nullable = false, length = 200)
    private String holder;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "pulled_from_marketo", nullable = false)
    private int pulledFromMarketo;

    @Column(name = "pulled_from_dynamics", nullable = false)
    private int pulledFromDynamics;

    @Column(name = "written_to_marketo", nullable = false)
    private int writtenToMarketo;

    @Column(name = "written_to_dynamics", nullable = false)
    private int writtenToDynamics;

    @Column(name = "collisions", nullable = false)
    private int collisions;

    @Column(name = "failed", nullable = false)
    private int failed;

    /** running, finished, failed, stopped-quota, stopped-paused, lost-lease */
    @Column(name = "outcome", nullable = false, length = 32)
    private String outcome;

    @Column(name = "message", length = 2000)
    private String message;

    /** While running: this instance's meter total at the start; once finished: the calls made (V20). */
    @Column(name = "marketo_calls")
    private Long marketoCalls;

    @Column(name = "dynamics_calls")
    private Long dynamicsCalls;

    protected CycleRun() {
    }

    public CycleRun(String holder, Instant startedAt) {
        this.holder = holder;
        this.startedAt = startedAt;
        this.outcome = "running";
    }

    public Long id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public int pulledFromMarketo() {
        return pulledFromMarketo;
    }

    public int pulledFromDynamics() {
        return pulledFromDynamics;
    }

    public int writtenToMarketo() {
        return writtenToMarketo;
    }

    public int writtenToDynamics() {
        return writtenToDynamics;
    }

    public int collisions() {
        return collisions;
    }

    public int failed() {
        return failed;
    }

    public String outcome() {
        return outcome;
    }

    public String message() {
        return message;
    }

    /** Calls to Marketo while the cycle ran (this instance's, flow actions included), null while running or unknown. */
    public Long marketoCalls() {
        return finishedAt == null ? null : marketoCalls;
    }

    public Long dynamicsCalls() {
        return finishedAt == null ? null : dynamicsCalls;
    }

    public String holder() {
        return holder;
    }

    void callsAtStart(long marketoTotal, long dynamicsTotal) {
        this.marketoCalls = marketoTotal;
        this.dynamicsCalls = dynamicsTotal;
    }

    /** At the end, on the instance that started it: the totals now less those at the start. */
    void callsAtEnd(long marketoTotal, long dynamicsTotal) {
        this.marketoCalls = marketoCalls == null ? null : Math.max(0, marketoTotal - marketoCalls);
        this.dynamicsCalls = dynamicsCalls == null ? null : Math.max(0, dynamicsTotal - dynamicsCalls);
    }

    void callsUnknown() {
        this.marketoCalls = null;
        this.dynamicsCalls = null;
    }

    public void add(CycleCounts counts) {
        pulledFromMarketo += counts.pulledFromMarketo();
        pulledFromDynamics += counts.pulledFromDynamics();
        writtenToMarketo += counts.writtenToMarketo();
        writtenToDynamics += counts.writtenToDynamics();
        collisions += counts.collisions();
        failed += counts.failed();
    }

    public void finish(String finalOutcome, String finalMessage, Instant now) {
        this.outcome = finalOutcome;
        this.message = finalMessage == null || finalMessage.length() <= 2000 ? finalMessage : finalMessage.substring(0, 2000);
        this.finishedAt = now;
    }
}
