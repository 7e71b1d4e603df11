package org.leadsync.dynamics;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes a {@link BatchBody} and sets the Content-Type with its boundary before the first byte goes out. */
public class BatchBodyWriter implements MessageBodyWriter<BatchBody> {

    private final String serviceRoot;

    public BatchBodyWriter(String serviceRoot) {
        this.serviceRoot = serviceRoot;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return BatchBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(BatchBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        headers.putSingle("Content-Type", body.contentType());
        out.write(body.text(serviceRoot).getBytes(StandardCharsets.UTF_8));
    }
}
