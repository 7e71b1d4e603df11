package org.leadsync.sandbox.dynamics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the `$filter` subset docs/sandbox.md names (eq, ne, gt/ge/lt/le, and, or, not, parentheses,
 * `Microsoft.Dynamics.CRM.In`) into a predicate over a row's attribute accessor. Strings compare
 * case-insensitively, as Dataverse's SQL collation does.
 */
final class ODataFilter {

    private final List<String> tokens;
    private int at;

    private ODataFilter(String text) {
        this.tokens = tokenize(text);
    }

    private static final Pattern ENUM_MEMBER = Pattern.compile("^[A-Za-z_][\\w.]*\\.\\w+'([^']*)'$");

    private static final Pattern ID_IN = Pattern.compile(
            "^\\s*Microsoft\\.Dynamics\\.CRM\\.In\\(PropertyName='([a-z_0-9]+)',PropertyValues=\\[([^\\]]*)\\]\\)\\s*$");

    /**
     * The ids of a filter that is nothing but `In` on `primaryId`, so the table can answer by key
     * instead of scanning every row; empty for any other filter.
     */
    static Optional<List<UUID>> primaryKeysIn(String text, String primaryId) {
        Matcher m = ID_IN.matcher(text);
        if (!m.matches() || !m.group(1).equals(primaryId)) {
            return Optional.empty();
        }
        List<UUID> ids = new ArrayList<>();
        for (String quoted : m.group(2).split(",")) {
            String id = quoted.trim().replace("'", "");
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty(); // let the general filter answer as it does
            }
        }
        return Optional.of(ids);
    }

    /** @throws IllegalArgumentException with a message fit for a 400 answer */
    static Predicate<Function<String, Object>> parse(String text) {
        ODataFilter parser = new ODataFilter(text);
        Predicate<Function<String, Object>> predicate = parser.or();
        if (parser.at != parser.tokens.size()) {
            throw new IllegalArgumentException("Syntax error at position " + parser.at + " in '" + text + "'.");
        }
        return predicate;
    }

    private Predicate<Function<String, Object>> or() {
        Predicate<Function<String, Object>> left = and();
        while (peekIs("or")) {
            at++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Function<String, Object>> and() {
        Predicate<Function<String, Object>> left = unary();
        while (peekIs("and")) {
            at++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Function<String, Object>> unary() {
        if (peekIs("not")) {
            at++;
            return unary().negate();
        }
        if (peekIs("(")) {
            at++;
            Predicate<Function<String, Object>> inner = or();
            expect(")");
            return inner;
        }
        String name = next();
        if (name.equals("Microsoft.Dynamics.CRM.In")) {
            return in();
        }
        String op = next().toLowerCase();
        Object literal = literal(next());
        return switch (op) {
            case "eq" -> row -> same(row.apply(name), literal);
            case "ne" -> row -> !same(row.apply(name), literal);
            case "gt" -> row -> compare(row.apply(name), literal) > 0;
            case "ge" -> row -> compare(row.apply(name), literal) >= 0;
            case "lt" -> row -> compare(row.apply(name), literal) < 0;
            case "le" -> row -> compare(row.apply(name), literal) <= 0;
            default -> throw new IllegalArgumentException("Unsupported operator '" + op + "'.");
        };
    }

    private Predicate<Function<String, Object>> in() {
        expect("(");
        expect("PropertyName");
        expect("=");
        Object property = literal(next());
        expect(",");
        expect("PropertyValues");
        expect("=");
        expect("[");
        List<Object> values = new ArrayList<>();
        while (!peekIs("]")) {
            values.add(literal(next()));
            if (peekIs(",")) {
                at++;
            }
        }
        expect("]");
        expect(")");
        String name = String.valueOf(property);
        java.util.Set<String> keys = new java.util.HashSet<>();
        values.forEach(v -> keys.add(key(v)));
        return row -> {
            Object value = row.apply(name);
            return value != null && keys.contains(key(value));
        };
    }

    private static String key(Object value) {
        return value instanceof String s ? s.toLowerCase() : String.valueOf(value);
    }

    private static boolean same(Object actual, Object literal) {
        if (actual == null || literal == null) {
            return actual == literal;
        }
        if (actual instanceof String a && literal instanceof String b) {
            return a.equalsIgnoreCase(b);
        }
        if (actual instanceof Number a && literal instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(actual, literal) || actual.toString().equalsIgnoreCase(literal.toString());
    }

    private static int compare(Object actual, Object literal) {
        if (actual == null || literal == null) {
            return actual == literal ? 0 : (actual == null ? -1 : 1);
        }
        if (actual instanceof Number a && literal instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        return actual.toString().compareToIgnoreCase(literal.toString());
    }

    private static Object literal(String token) {
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        Matcher member = ENUM_MEMBER.matcher(token);
        if (member.matches()) {
            return member.group(1); // compared as its name, the way metadata JSON carries enum values
        }
        switch (token) {
            case "null": return null;
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            default:
        }
        if (token.matches("-?\\d+")) {
            return Long.parseLong(token);
        }
        if (token.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(token);
        }
        if (token.matches("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}")) {
            return token;
        }
        throw new IllegalArgumentException("Unexpected token '" + token + "' in $filter.");
    }

    private boolean peekIs(String token) {
        return at < tokens.size() && tokens.get(at).equalsIgnoreCase(token);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("Unexpected end of $filter.");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        String actual = next();
        if (!actual.equals(token)) {
            throw new IllegalArgumentException("Expected '" + token + "' but found '" + actual + "' in $filter.");
        }
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()[],=".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new IllegalArgumentException("Unterminated string literal in $filter.");
                    }
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(text.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && "()[],='".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                if (j < text.length() && text.charAt(j) == '\'' && text.substring(i, j).contains(".")) {
                    // an enum literal, Namespace.EnumType'Member' (metadata queries): one token
                    int end = text.indexOf('\'', j + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("Unterminated enum literal in $filter.");
                    }
                    j = end + 1;
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
