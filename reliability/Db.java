import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads LeadSync's own tables over JDBC: the cycle history (`cycle_run`: holder, started_at, finished_at,
 * outcome, counts), the links (`record_link`) and the activity log (`activity_entry`). Read-only.
 * Timestamps are written by the app's JVM and read here in the same zone (both on this machine).
 */
final class Db implements AutoCloseable {

    record Run(long id, String holder, Instant started, Instant finished, String outcome, int pulledM, int pulledD,
               int wroteM, int wroteD, int collisions, int failed) {

        double seconds() {
            return Duration.between(started, finished == null ? Instant.now() : finished).toMillis() / 1000.0;
        }

        int writes() {
            return wroteM + wroteD;
        }
    }

    record Link(long personId, String dynamicsId, String entity, String state) {
    }

    record Entry(long id, Long personId, Instant at, String type, String direction, String entity, String dynamicsId,
                 String fields, String errorCode, String message) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("personId", personId);
            m.put("at", at.toString());
            m.put("type", type);
            m.put("direction", direction);
            m.put("dynamicsId", dynamicsId);
            m.put("fields", fields);
            m.put("errorCode", errorCode);
            m.put("message", message);
            return m;
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    Db(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private synchronized Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // replaced below
                }
            }
            connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private static final String RUN_COLUMNS = "SELECT id, holder, started_at, finished_at, outcome, pulled_from_marketo,"
            + " pulled_from_dynamics, written_to_marketo, written_to_dynamics, collisions, failed FROM cycle_run";

    /**
     * The cycles that started at or after `since`, in the order they started. (Ids come from blocks of 50 per
     * instance, so they do not order runs across instances.)
     */
    synchronized List<Run> runsSince(Instant since) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(RUN_COLUMNS + " WHERE started_at >= ? ORDER BY started_at, id")) {
            s.setTimestamp(1, Timestamp.from(since));
            s.setQueryTimeout(30);
            return runs(s);
        }
    }

    /** The cycles running at or after `from`: not finished, or finished at or after it; in the order they started. */
    synchronized List<Run> runsOverlapping(Instant from) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(RUN_COLUMNS
                + " WHERE finished_at IS NULL OR finished_at >= ? ORDER BY started_at, id")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setQueryTimeout(30);
            return runs(s);
        }
    }

    synchronized Run run(long id) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(RUN_COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            s.setQueryTimeout(30);
            List<Run> found = runs(s);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static List<Run> runs(PreparedStatement s) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Timestamp finished = rs.getTimestamp(4);
                runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        finished == null ? null : finished.toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7),
                        rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)));
            }
        }
        return runs;
    }

    synchronized List<Link> links() throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("SELECT person_id, dynamics_id, entity, state FROM record_link")) {
            s.setQueryTimeout(60);
            List<Link> links = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(new Link(rs.getLong(1), rs.getString(2).toLowerCase(), rs.getString(3), rs.getString(4)));
                }
            }
            return links;
        }
    }

    synchronized long maxActivityId() throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("SELECT COALESCE(MAX(id), 0) FROM activity_entry");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Activity entries of `type` written at or after `since` (by time: ids come in blocks per instance too). */
    synchronized List<Entry> entries(String type, Instant since) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("SELECT id, person_id, occurred_at, type, direction, entity,"
                + " dynamics_id, fields, error_code, message FROM activity_entry WHERE type = ? AND occurred_at >= ? ORDER BY occurred_at, id")) {
            s.setString(1, type);
            s.setTimestamp(2, Timestamp.from(since));
            s.setQueryTimeout(60);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long person = rs.getLong(2);
                    out.add(new Entry(rs.getLong(1), rs.wasNull() ? null : person, rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        }
    }

    /** The database's clock, so activity times compare with the app's (both UTC on this machine). */
    synchronized Instant now() throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("SELECT LOCALTIMESTAMP");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /**
     * Seconds during which cycles of different holders ran at once: the sum, over every pair of runs with
     * different holders, of the intersection of their [started_at, finished_at] (a run not finished yet
     * counts up to now).
     */
    static double overlapSeconds(List<Run> runs) {
        double total = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                Run a = runs.get(i);
                Run b = runs.get(j);
                if (a.holder().equals(b.holder())) {
                    continue;
                }
                Instant start = a.started().isAfter(b.started()) ? a.started() : b.started();
                Instant fa = a.finished() == null ? Instant.now() : a.finished();
                Instant fb = b.finished() == null ? Instant.now() : b.finished();
                Instant end = fa.isBefore(fb) ? fa : fb;
                if (end.isAfter(start)) {
                    total += Duration.between(start, end).toMillis() / 1000.0;
                }
            }
        }
        return total;
    }

    static Map<String, Integer> outcomes(List<Run> runs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        runs.forEach(r -> out.merge(r.outcome(), 1, Integer::sum));
        return out;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
