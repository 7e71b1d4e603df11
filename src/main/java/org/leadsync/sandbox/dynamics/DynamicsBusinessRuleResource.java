package org.leadsync.sandbox.dynamics;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.leadsync.sandbox.SandboxProblem;

/** POST /sandbox/admin/dynamics/business-rules (docs/sandbox.md, Control): a customer's customisation, on demand. */
@Path("admin/dynamics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DynamicsBusinessRuleResource {

    @Inject
    DynamicsStore store;

    @POST
    @Path("business-rules")
    public Response add(BusinessRule rule) {
        if (rule == null) {
            throw SandboxProblem.badRequest("body", "A business rule body is required");
        }
        try {
            store.addRule(rule);
        } catch (IllegalArgumentException e) {
            throw SandboxProblem.badRequest("rule", e.getMessage());
        }
        return Response.status(201).entity(store.rules()).build();
    }

    /** A schema change: the column is deleted (DELETE) or created again (PUT), docs/sandbox.md, Control. */
    @DELETE
    @Path("columns/{entity}/{attribute}")
    public Response deleteColumn(@jakarta.ws.rs.PathParam("entity") String entity,
                                 @jakarta.ws.rs.PathParam("attribute") String attribute) {
        try {
            store.deleteColumn(entity, attribute);
        } catch (IllegalArgumentException e) {
            throw SandboxProblem.badRequest("attribute", e.getMessage());
        }
        return Response.ok(java.util.Map.of("deletedColumns", store.deletedColumns())).build();
    }

    @jakarta.ws.rs.PUT
    @Path("columns/{entity}/{attribute}")
    public Response restoreColumn(@jakarta.ws.rs.PathParam("entity") String entity,
                                  @jakarta.ws.rs.PathParam("attribute") String attribute) {
        try {
            store.restoreColumn(entity, attribute);
        } catch (IllegalArgumentException e) {
            throw SandboxProblem.badRequest("attribute", e.getMessage());
        }
        return Response.ok(java.util.Map.of("deletedColumns", store.deletedColumns())).build();
    }

    @GET
    @Path("business-rules")
    public List<BusinessRule> list() {
        return store.rules();
    }

    @DELETE
    @Path("business-rules")
    public Response clear() {
        store.clearRules();
        return Response.noContent().build();
    }
}
