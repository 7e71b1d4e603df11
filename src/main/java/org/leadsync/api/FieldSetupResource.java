package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.leadsync.fields.Catalogue;
import org.leadsync.fields.FieldCatalogue;
import org.leadsync.fields.FieldMappings;
import org.leadsync.fields.MappingLine;
import org.leadsync.fields.MappingRules;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;

/** Field setup (docs/api.md; rule R2): what can be mapped, and the saved set, replaced whole. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class FieldSetupResource {

    @Inject
    FieldCatalogue catalogue;

    @Inject
    FieldMappings mappings;

    @Inject
    org.leadsync.fields.FieldQuarantine quarantine;

    @GET
    @Path("fields")
    @Operation(summary = "Fields that can be mapped, from Marketo's describe and Dynamics' attribute metadata; refresh=true reads them afresh")
    public Map<String, Object> fields(@QueryParam("refresh") String refresh) {
        Catalogue current = catalogue.current(Limit.flag("refresh", refresh));
        List<Map<String, Object>> marketo = current.marketo().stream().map(f -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", f.name());
            row.put("displayName", f.displayName());
            row.put("dataType", f.dataType());
            row.put("length", f.length());
            row.put("readOnly", f.readOnly());
            return row;
        }).toList();
        Map<String, Object> dynamics = new LinkedHashMap<>();
        for (CrmEntity entity : CrmEntity.values()) {
            dynamics.put(entity.logicalName(), current.dynamics().get(entity).stream().map(FieldSetupResource::attribute).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("marketo", marketo);
        body.put("dynamics", dynamics);
        // R23: mapped fields whose attribute Dynamics no longer has; they sync again when it is back
        body.put("quarantined", quarantine.current().stream().map(q -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("entity", q.entity());
            row.put("attribute", q.attribute());
            row.put("marketoField", q.marketoField());
            row.put("since", q.since().toString());
            row.put("reason", q.reason());
            return row;
        }).toList());
        return body;
    }

    @GET
    @Path("field-mappings")
    @Operation(summary = "The saved field set")
    public FieldSetup saved() {
        return new FieldSetup(lines(), null);
    }

    @PUT
    @Path("field-mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the whole field set; refused with one detail per problem, nothing saved")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "set", value = "{\"mappings\":["
            + "{\"marketoField\":\"email\",\"leadField\":\"emailaddress1\",\"contactField\":\"emailaddress1\"},"
            + "{\"marketoField\":\"company\",\"leadField\":\"companyname\",\"contactField\":null}]}")))
    public FieldSetup replace(FieldSetup request) {
        if (request == null || request.mappings() == null) {
            throw ApiProblem.badRequest("mappings", "A body {\"mappings\": [...]} is required");
        }
        if (request.warnings() != null) {
            throw ApiProblem.badRequest("warnings", "warnings is part of the answer, not of the request");
        }
        MappingRules.Review review = MappingRules.review(request.mappings(), catalogue.current(false));
        if (!review.problems().isEmpty()) {
            throw new ApiProblem(400, "invalid-field-mappings", review.problems().size()
                    + " problem(s) in the field mappings; nothing was saved",
                    review.problems().stream().map(p -> new ApiError.Detail(p.field(), p.message())).toList());
        }
        mappings.replace(request.mappings());
        return new FieldSetup(lines(), review.warnings());
    }

    private List<MappingLine> lines() {
        return mappings.current().stream()
                .map(m -> new MappingLine(m.marketoField(), m.leadField(), m.contactField()))
                .toList();
    }

    private static Map<String, Object> attribute(DynamicsAttribute a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("logicalName", a.logicalName());
        row.put("attributeType", a.attributeType());
        row.put("format", a.format());
        row.put("maxLength", a.maxLength());
        row.put("requiredLevel", a.requiredLevel());
        row.put("readOnly", a.readOnly());
        return row;
    }
}
