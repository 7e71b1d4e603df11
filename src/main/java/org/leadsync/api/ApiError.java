package org.leadsync.api;

import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.util.List;

/** The one error body of docs/api.md: `{"error", "message", "details"}`; never a stack trace. */
@JsonbTypeSerializer(ApiError.Writer.class)
public record ApiError(String error, String message, List<Detail> details) {

    public record Detail(String field, String message) {
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }

    /** Writes `details` only when there are some (docs/api.md: optional), whatever the API's null setting. */
    public static final class Writer implements JsonbSerializer<ApiError> {
        @Override
        public void serialize(ApiError value, JsonGenerator json, SerializationContext context) {
            json.writeStartObject();
            json.write("error", value.error());
            json.write("message", value.message() == null ? "" : value.message());
            if (value.details() != null) {
                json.writeStartArray("details");
                for (Detail detail : value.details()) {
                    json.writeStartObject();
                    if (detail.field() == null) {
                        json.writeNull("field");
                    } else {
                        json.write("field", detail.field());
                    }
                    json.write("message", detail.message() == null ? "" : detail.message());
                    json.writeEnd();
                }
                json.writeEnd();
            }
            json.writeEnd();
        }
    }
}
