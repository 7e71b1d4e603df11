package org.leadsync.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicsBatchAnswerTest {

    /** The response shape of the Web API docs' "Execute batch operations" example, plus a change set. */
    private static final String RESPONSE = String.join("\r\n",
            "--batchresponse_c1bd45c1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "OData-Version: 4.0",
            "OData-EntityId: https://org.crm.dynamics.com/api/data/v9.2/leads(7eb682f1-ca75-e511-80d4-00155d2a68d1)",
            "",
            "",
            "--batchresponse_c1bd45c1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_ff83",
            "",
            "--changesetresponse_ff83",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: 1",
            "",
            "HTTP/1.1 204 No Content",
            "OData-Version: 4.0",
            "",
            "",
            "--changesetresponse_ff83--",
            "--batchresponse_c1bd45c1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 400 Bad Request",
            "Content-Type: application/json; odata.metadata=minimal",
            "OData-Version: 4.0",
            "",
            "{\"error\":{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.  The length of the 'lastname' attribute of the 'lead' entity exceeded the maximum allowed length of '50'.\"}}",
            "--batchresponse_c1bd45c1--",
            "");

    @Test
    void partsComeBackInOrderWithChangeSetsFlattened() {
        List<BatchAnswer.Part> parts = BatchAnswer.parse("multipart/mixed; boundary=batchresponse_c1bd45c1", RESPONSE);
        assertEquals(3, parts.size());
        assertEquals(204, parts.get(0).status());
        assertEquals("7eb682f1-ca75-e511-80d4-00155d2a68d1", ODataJson.idFromEntityId(parts.get(0).headers().get("odata-entityid")));
        assertEquals(204, parts.get(1).status());
        assertEquals(400, parts.get(2).status());
        DataverseError error = DataverseError.parse(400, parts.get(2).body());
        assertEquals("0x80044331", error.code());
        assertEquals("lastname", error.attribute());
    }

    @Test
    void theRequestBodyIsMultipartWithOneApplicationHttpPartPerRequest() {
        BatchBody body = BatchBody.of(List.of(
                new BatchBody.InnerRequest("POST", "leads", null, "{\"lastname\":\"Orton\"}"),
                new BatchBody.InnerRequest("PATCH", "leads(7eb682f1-ca75-e511-80d4-00155d2a68d1)", "*", "{\"subject\":\"x\"}")));
        String text = body.text("https://org/api/data/v9.2/");
        assertTrue(body.contentType().startsWith("multipart/mixed; boundary=batch_"));
        assertEquals(3, text.split("--" + body.boundary(), -1).length - 1, text);
        assertTrue(text.contains("POST https://org/api/data/v9.2/leads HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{\"lastname\":\"Orton\"}"), text);
        assertTrue(text.contains("If-Match: *\r\n"), text);
        assertTrue(text.endsWith("--" + body.boundary() + "--\r\n"));
    }

    @Test
    void errorMessagesNameTheirAttribute() {
        assertEquals("companyname", DataverseError.attributeIn(
                "Business rule failed: the 'companyname' attribute of the 'lead' entity is required."));
        assertEquals("foo", DataverseError.attributeIn("Could not find a property named 'foo' on type 'Microsoft.Dynamics.CRM.lead'."));
        assertEquals(null, DataverseError.attributeIn("Something else"));
    }
}
