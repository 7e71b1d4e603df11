package org.leadsync.sandbox.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leadsync.sandbox.JsonFactory;

/** A Web API answer: status, headers and a JSON body (or none), written to HTTP or into a $batch part. */
record WebApiResponse(int status, Map<String, String> headers, String body) {

    static WebApiResponse json(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OData-Version", "4.0");
        headers.put("Content-Type", "application/json; odata.metadata=minimal");
        return new WebApiResponse(status, headers, body);
    }

    static WebApiResponse empty(int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OData-Version", "4.0");
        return new WebApiResponse(status, headers, null);
    }

    static WebApiResponse error(DataverseFault fault) {
        String body = JsonFactory.JSON.createObjectBuilder().add("error", JsonFactory.JSON.createObjectBuilder()
                .add("code", fault.code).add("message", fault.getMessage())).build().toString();
        WebApiResponse response = json(fault.status, body);
        if (fault.retryAfterSeconds != null) {
            response.headers().put("Retry-After", String.valueOf(fault.retryAfterSeconds));
        }
        return response;
    }

    WebApiResponse with(String header, String value) {
        headers.put(header, value);
        return this;
    }
}
