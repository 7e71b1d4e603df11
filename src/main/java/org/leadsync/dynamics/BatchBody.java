package org.leadsync.dynamics;

import java.util.List;
import java.util.UUID;

/** The body of one POST $batch: independent requests, each an application/http part (Web API, Execute batch operations). */
public record BatchBody(String boundary, List<InnerRequest> requests) {

    /** One request inside the batch; `url` is relative to the service root (`leads`, `leads(id)`). */
    public record InnerRequest(String method, String url, String ifMatch, String json) {
    }

    public static BatchBody of(List<InnerRequest> requests) {
        return new BatchBody("batch_" + UUID.randomUUID(), requests);
    }

    public String contentType() {
        return "multipart/mixed; boundary=" + boundary;
    }

    /** The multipart text; CRLF line ends as MIME requires, bodies carry Content-Length-free JSON. */
    public String text(String serviceRoot) {
        StringBuilder out = new StringBuilder();
        for (InnerRequest r : requests) {
            out.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append(r.method()).append(' ').append(serviceRoot).append(r.url()).append(" HTTP/1.1\r\n");
            if (r.ifMatch() != null) {
                out.append("If-Match: ").append(r.ifMatch()).append("\r\n");
            }
            if (r.json() != null) {
                out.append("Content-Type: application/json; type=entry\r\n\r\n").append(r.json()).append("\r\n");
            } else {
                out.append("\r\n");
            }
        }
        return out.append("--").append(boundary).append("--\r\n").toString();
    }
}
