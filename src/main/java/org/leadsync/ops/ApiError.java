package org.leadsync.ops;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The one error body of api.md: `{"error", "message", "details"}`; never a stack trace. */
@JsonbPropertyOrder({"error", "message", "details"})
public record ApiError(String error, String message, List<Detail> details) {

    public record Detail(String field, String message) {
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
