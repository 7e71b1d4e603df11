package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicsMimePartTest {

    @Test
    void aBatchWithAChangeSetSplitsIntoItsParts() {
        String body = String.join("\r\n",
                "--batch_AAA",
                "Content-Type: multipart/mixed; boundary=changeset_BBB",
                "",
                "--changeset_BBB",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "Content-ID: 1",
                "",
                "POST https://org/api/data/v9.2/leads HTTP/1.1",
                "Content-Type: application/json; type=entry",
                "",
                "{\"lastname\":\"Orton\"}",
                "--changeset_BBB--",
                "",
                "--batch_AAA",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "",
                "GET https://org/api/data/v9.2/leads?$top=1 HTTP/1.1",
                "",
                "",
                "--batch_AAA--",
                "");
        List<MimePart> parts = MimePart.split(body, MimePart.boundary("multipart/mixed; boundary=batch_AAA"));
        assertEquals(2, parts.size());
        assertTrue(parts.get(0).isMultipart());
        List<MimePart> inner = MimePart.split(parts.get(0).content(), MimePart.boundary(parts.get(0).header("Content-Type")));
        assertEquals(1, inner.size());
        assertEquals("1", inner.get(0).header("content-id"));
        assertTrue(inner.get(0).content().endsWith("{\"lastname\":\"Orton\"}"), inner.get(0).content());
        assertTrue(parts.get(1).content().startsWith("GET https://org/api/data/v9.2/leads?$top=1 HTTP/1.1"));
    }
}
