package org.leadsync.sandbox.marketo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A multipart/form-data body (RFC 7578), as Bulk Lead Import takes its file and parameters: part name to bytes. */
final class FormData {

    private FormData() {
    }

    static Map<String, byte[]> parse(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        // ISO-8859-1 maps every byte to one char, so the part bytes survive the split unchanged
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        if (at < 0) {
            throw MarketoError.invalid("The multipart body has no part with boundary " + boundary);
        }
        while (true) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break; // the closing delimiter
            }
            int next = text.indexOf("\r\n" + delimiter, start);
            if (next < 0) {
                throw MarketoError.invalid("The multipart body is not closed");
            }
            String part = text.substring(skipLineEnd(text, start), next);
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                throw MarketoError.invalid("A multipart part has no headers");
            }
            String name = null;
            for (String header : part.substring(0, headersEnd).split("\r\n")) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    name = parameter(header, "name");
                }
            }
            if (name == null) {
                throw MarketoError.invalid("A multipart part has no Content-Disposition name");
            }
            parts.put(name, part.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
            at = next + 2;
        }
        return parts;
    }

    private static int skipLineEnd(String text, int at) {
        return text.startsWith("\r\n", at) ? at + 2 : at;
    }

    private static String boundary(String contentType) {
        String boundary = contentType == null ? null : parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw MarketoError.invalid("Content-Type multipart/form-data with a boundary is required");
        }
        return boundary;
    }

    private static String parameter(String header, String name) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String value = p.substring(name.length() + 1).trim();
                return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }
}
