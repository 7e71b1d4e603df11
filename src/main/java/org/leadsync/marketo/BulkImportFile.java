package org.leadsync.marketo;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The multipart/form-data body of Import Leads (Marketo's "Bulk Lead Import"): the `format` part and the CSV as
 * the `file` part. {@link Writer} sets the Content-Type with its boundary before the first byte goes out.
 */
public record BulkImportFile(String boundary, String csv) {

    public static BulkImportFile of(String csv) {
        return new BulkImportFile("leadsync-" + UUID.randomUUID(), csv);
    }

    byte[] bytes() {
        String text = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ncsv\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Registered on the REST client by {@link MarketoGateway}. */
    public static final class Writer implements MessageBodyWriter<BulkImportFile> {

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return BulkImportFile.class.isAssignableFrom(type);
        }

        @Override
        public void writeTo(BulkImportFile file, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                            MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
            headers.putSingle("Content-Type", "multipart/form-data; boundary=" + file.boundary());
            out.write(file.bytes());
        }
    }
}
