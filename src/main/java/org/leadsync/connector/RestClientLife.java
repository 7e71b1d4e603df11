package org.leadsync.connector;

/** Each connector builds one MicroProfile REST client for its life and closes it on undeploy. */
public final class RestClientLife {

    private RestClientLife() {
    }

    /** Closes a REST client proxy (they are AutoCloseable); null, or a failure while undeploying, is ignored. */
    public static void close(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // undeploying: nothing left to tell
            }
        }
    }
}
