package org.leadsync.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.leadsync.port.DynamicsException;

/**
 * Reads a $batch response: one {@link Part} per inner response, in order; change set responses are
 * flattened. Plain Java, so it is unit-tested against the documented response shape.
 */
public final class BatchAnswer {

    /** An inner HTTP response: status, headers (lower-case names) and body. */
    public record Part(int status, Map<String, String> headers, String body) {
    }

    private BatchAnswer() {
    }

    public static List<Part> parse(String contentType, String body) {
        List<Part> out = new ArrayList<>();
        for (String part : split(body, boundary(contentType))) {
            String[] headersAndContent = headersAndContent(part);
            Map<String, String> mime = headers(headersAndContent[0]);
            String type = mime.getOrDefault("content-type", "");
            if (type.toLowerCase().startsWith("multipart/mixed")) {
                out.addAll(parse(type, headersAndContent[1]));
            } else {
                out.add(http(headersAndContent[1]));
            }
        }
        return out;
    }

    static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
                return t.substring(9).replace("\"", "");
            }
        }
        throw new DynamicsException("No boundary in batch Content-Type: " + contentType);
    }

    private static List<String> split(String body, String boundary) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : body.split("\r?\n", -1)) {
            if (line.equals("--" + boundary + "--")) {
                break;
            }
            if (line.equals("--" + boundary)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append("\n");
            }
        }
        if (current != null) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static String[] headersAndContent(String text) {
        int blank = text.indexOf("\n\n");
        return blank < 0 ? new String[] {text, ""} : new String[] {text.substring(0, blank), text.substring(blank + 2)};
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new TreeMap<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static Part http(String content) {
        String trimmed = content.strip();
        int lineEnd = trimmed.indexOf('\n');
        String statusLine = lineEnd < 0 ? trimmed : trimmed.substring(0, lineEnd);
        String[] words = statusLine.split(" ");
        int status = Integer.parseInt(words[1].trim());
        String rest = lineEnd < 0 ? "" : trimmed.substring(lineEnd + 1);
        String[] headersAndBody = headersAndContent(rest + (rest.contains("\n\n") ? "" : "\n\n"));
        return new Part(status, headers(headersAndBody[0]), headersAndBody[1].strip());
    }
}
