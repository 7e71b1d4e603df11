package org.leadsync.db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Links, snapshots and activity entries take ids in blocks of 1,000 instead of 50: an initial sync
 * inserts tens of thousands a page, and each block costs a round trip (bench/run.sh). EclipseLink reads
 * a sequence value as the top of its block, so each new sequence starts a whole block above the
 * highest id already used. Java, not SQL, because that start depends on the data.
 */
public class V10__IdBlocksOfAThousand extends BaseJavaMigration {

    static final int BLOCK = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String table : new String[] {"record_link", "field_snapshot", "activity_entry"}) {
                long highest;
                try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
                    rs.next();
                    highest = rs.getLong(1);
                }
                statement.execute("CREATE SEQUENCE " + table + "_ids START WITH " + (highest + BLOCK)
                        + " INCREMENT BY " + BLOCK);
            }
        }
    }
}
