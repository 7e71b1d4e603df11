package org.leadsync.sandbox.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One part of a multipart/mixed body: its MIME headers and its content (OData 4.0, 11.7 Batch Requests). */
record MimePart(Map<String, String> headers, String content) {

    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
                return t.substring(9).replace("\"", "");
            }
        }
        return null;
    }

    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    boolean isMultipart() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase().startsWith("multipart/mixed");
    }

    /** Splits a body at `--boundary` lines; accepts CRLF and bare LF line ends. */
    static List<MimePart> split(String body, String boundary) {
        List<MimePart> parts = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        StringBuilder current = null;
        for (String line : lines) {
            if (line.equals("--" + boundary) || line.equals("--" + boundary + "--")) {
                if (current != null) {
                    parts.add(parse(current.toString()));
                }
                current = line.endsWith("--") && !line.equals("--" + boundary) ? null : new StringBuilder();
                if (current == null) {
                    break;
                }
            } else if (current != null) {
                current.append(line).append("\r\n");
            }
        }
        return parts;
    }

    /** Headers up to the first empty line, then the rest (trailing line break dropped). */
    static MimePart parse(String text) {
        Map<String, String> headers = new TreeMap<>();
        String[] lines = text.split("\r\n", -1);
        int i = 0;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
        }
        StringBuilder content = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
            content.append(lines[j]);
            if (j < lines.length - 1) {
                content.append("\r\n");
            }
        }
        String s = content.toString();
        while (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        }
        return new MimePart(headers, s);
    }
}
