package org.leadsync.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** One HTTP Basic user of /api and its role. Only digests are kept, so a heap dump shows no password. */
public final class Account {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final String name;
    private final String role;

    public Account(String name, String password, String role) {
        this.name = name;
        this.role = role;
        this.userDigest = digest(name);
        this.passwordDigest = digest(password);
    }

    /** Constant time whatever matches: digests make the lengths equal, isEqual does not stop early. */
    public boolean matches(String user, String password) {
        boolean userMatches = MessageDigest.isEqual(userDigest, digest(user));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, digest(password));
        return userMatches & passwordMatches;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
