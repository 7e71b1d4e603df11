package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.leadsync.ops.PersonLookup;
import org.leadsync.port.DynamicsId;

/** Person search (docs/api.md, Persons): by email or either id, with the link and both sides' mapped values. */
@Path("persons")
@Produces(MediaType.APPLICATION_JSON)
public class PersonsResource {

    private static final Pattern GUID = Pattern.compile("\\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}}?");
    /** Marketo's email field holds at most 255 characters. */
    static final int MAX_EMAIL = 255;

    @Inject
    PersonLookup lookup;

    @GET
    @Operation(summary = "Find persons by email, leadId or dynamicsId (exactly one), with link state and both sides' values")
    public Found find(@QueryParam("email") String email, @QueryParam("leadId") String leadId,
                      @QueryParam("dynamicsId") String dynamicsId) {
        List<String> given = new ArrayList<>();
        if (present("email", email)) {
            given.add("email");
        }
        if (present("leadId", leadId)) {
            given.add("leadId");
        }
        if (present("dynamicsId", dynamicsId)) {
            given.add("dynamicsId");
        }
        if (given.size() != 1) {
            throw ApiProblem.badRequest(given.isEmpty() ? "email" : given.get(1),
                    "give exactly one of email, leadId or dynamicsId");
        }
        return switch (given.get(0)) {
            case "email" -> {
                String address = email.trim();
                if (address.length() > MAX_EMAIL || address.indexOf('@') < 1) {
                    throw ApiProblem.badRequest("email", "email must be an email address of at most 255 characters");
                }
                yield new Found(lookup.byEmail(address));
            }
            case "leadId" -> new Found(lookup.byLeadId(Limit.positiveId("leadId", leadId)));
            default -> {
                if (!GUID.matcher(dynamicsId.trim()).matches()) {
                    throw ApiProblem.badRequest("dynamicsId", "dynamicsId must be a GUID such as 9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab");
                }
                yield new Found(lookup.byDynamicsId(DynamicsId.of(dynamicsId)));
            }
        };
    }

    private static boolean present(String name, String value) {
        return Limit.text(name, value) != null && !value.isBlank();
    }

    /** The body of GET /api/persons: the persons found (at most 10), empty when none. */
    public record Found(List<PersonLookup.Person> persons) {
    }
}
