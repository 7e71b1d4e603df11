package org.leadsync.sandbox.admin;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SandboxProblem;
import org.leadsync.sandbox.SandboxSystem;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.TokenIssuer;

/** Control of the sandbox for tests, benchmarks and demos (docs/sandbox.md, Control). */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SandboxAdminResource {

    @Inject
    Instance<SandboxSystem> systems;

    @Inject
    Instance<TokenIssuer> tokenIssuers;

    @Inject
    FaultPlan faults;

    @POST
    @Path("reset")
    public Map<String, Object> reset() {
        systems.forEach(SandboxSystem::reset);
        faults.clear();
        return stats();
    }

    @POST
    @Path("seed")
    public Map<String, Object> seed(SeedRequest request) {
        if (request == null) {
            throw SandboxProblem.badRequest("body", "A seed request body is required");
        }
        if (request.leads() < 0 || request.contacts() < 0 || request.persons() < 0
                || request.overlapFraction() < 0 || request.overlapFraction() > 1) {
            throw SandboxProblem.badRequest("body", "Counts must be zero or more and overlap between 0 and 1");
        }
        systems.forEach(system -> system.seed(request));
        return stats();
    }

    @PUT
    @Path("faults")
    public Response injectFault(Fault fault) {
        Set<String> names = systems.stream().map(SandboxSystem::name).collect(Collectors.toSet());
        if (fault == null || fault.system() == null || !names.contains(fault.system())) {
            throw SandboxProblem.badRequest("system", "system must be one of " + names);
        }
        if (fault.status() == null && fault.marketoError() == null && fault.delayMs() == null) {
            throw SandboxProblem.badRequest("status", "Give a status, a marketoError or a delayMs");
        }
        if (fault.times() < 1) {
            throw SandboxProblem.badRequest("count", "count must be at least 1");
        }
        faults.arm(fault);
        return Response.noContent().build();
    }

    /** What is still armed: per system the fault and the calls it has left (used-up faults are not listed). */
    @GET
    @Path("faults")
    public Map<String, Map<String, Object>> armedFaults() {
        return faults.armed();
    }

    /**
     * Every access token both systems issued so far expires now: Marketo answers 602 to the next call with
     * one, Dataverse 401; clients must ask their token endpoint again.
     */
    @POST
    @Path("tokens/expire")
    public Map<String, Object> expireTokens() {
        Map<String, Object> expired = new LinkedHashMap<>();
        tokenIssuers.forEach(issuer -> expired.put(issuer.name(), Map.of("expired", issuer.expireIssuedTokens())));
        return expired;
    }

    @DELETE
    @Path("faults")
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("stats")
    public Map<String, Object> stats() {
        Map<String, Object> all = new LinkedHashMap<>();
        systems.forEach(system -> all.put(system.name(), system.stats()));
        return all;
    }
}
