package org.leadsync.sandbox.marketo;

import java.util.List;

/** What one read of the activity stream found, and the position it reached (the next paging token). */
record ActivityPage(List<Activity> activities, long reached, boolean more) {
}
