package org.leadsync.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who is signed in and what they may do (docs/api.md, Security): the console shows write controls to admins only. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @GET
    @Operation(summary = "The signed-in user, their role and whether they may change anything")
    public Me me(@Context SecurityContext caller) {
        boolean admin = caller.isUserInRole(Account.ADMIN);
        return new Me(caller.getUserPrincipal().getName(), admin ? Account.ADMIN : Account.VIEWER, admin);
    }

    /** The body of GET /api/me. */
    public record Me(String user, String role, boolean canWrite) {
    }
}
