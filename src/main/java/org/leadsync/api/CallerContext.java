package org.leadsync.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who is calling, as the guards proved it, for resources that record who did what. */
record CallerContext(String name, String role, boolean secure, String scheme) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return this::name;
    }

    @Override
    public boolean isUserInRole(String wanted) {
        return role.equals(wanted);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }
}
