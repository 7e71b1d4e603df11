package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/api.md, Ops console: GET / serves the console without credentials (only /api is guarded), with its script and
 * style from the same deployment. The WAR is deployed under a context path here, which is why the console must
 * build its URLs relative to the page. A browser check is tools/console-screenshot.sh (needs Chromium).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsConsoleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void theConsoleIsAnOpenHtmlPageThatLoadsItsOwnScriptAndStyle() {
        String page = fetch("", "text/html");
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<script src=\"console.js\""), "relative script link: " + page);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"console.css\">"), "relative style link: " + page);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "nothing from another host");
        assertEquals(page, fetch("index.html", "text/html"));
    }

    @Test
    void theScriptCallsOnlyTheApiRelativeToThePageAndSendsBasicCredentials() {
        String script = fetch("console.js", "javascript");
        assertTrue(script.contains("new URL(path, document.baseURI)"), "URLs relative to the page");
        assertFalse(Pattern.compile("['\"`]/api").matcher(script).find(), "no absolute /api path");
        assertFalse(script.contains("innerHTML"), "API data reaches the page as text only");
        assertTrue(script.contains("headers.Authorization"), "Basic credentials on every call");
        for (String path : new String[] {"'api/sync/status'", "'api/sync/errors'", "'api/persons/'", "'api/fields'",
                "'api/field-mappings'", "'api/sync/'"}) {
            assertTrue(script.contains(path), path);
        }
        assertFalse(script.contains("force"), "no force-sync (R3)");
    }

    @Test
    void theStyleIsServed() {
        assertTrue(fetch("console.css", "text/css").contains("body"));
    }

    @Test
    void theApiBehindTheConsoleStillNeedsCredentials() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/sync/status")) {
            assertEquals(401, r.getStatus());
        }
    }

    private String fetch(String path, String type) {
        try (Http http = Http.anonymous(base); Response r = http.target(path).request().get()) {
            assertEquals(200, r.getStatus(), path);
            assertTrue(String.valueOf(r.getMediaType()).contains(type), path + " is " + r.getMediaType());
            return r.readEntity(String.class);
        }
    }
}
