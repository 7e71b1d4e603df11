package org.leadsync.sandbox.marketo;

import java.nio.charset.StandardCharsets;

/**
 * Marketo-style opaque paging tokens (base32, as the fixtures show), encoding a position: the id of
 * the last activity (or lead offset) already seen, so a token is stable and reads what came after it.
 */
final class PagingToken {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private PagingToken() {
    }

    static String of(String kind, long position) {
        return base32((kind + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position in `token`, or -1 when it is not a token of this kind. */
    static long position(String kind, String token) {
        try {
            String text = new String(unbase32(token), StandardCharsets.US_ASCII);
            if (!text.startsWith(kind + ":")) {
                return -1;
            }
            return Long.parseLong(text.substring(kind.length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    static byte[] unbase32(String text) {
        String clean = text.replace("=", "");
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
