package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintViolationMapperTest {

    @Test
    void oneDetailPerViolationNamedByTheLastPropertyNode() {
        Set<ConstraintViolation<?>> violations = Set.of(
                violation("must be greater than 0", node("sync", ElementKind.METHOD), node("arg0", ElementKind.PARAMETER),
                        node("leadId", ElementKind.PROPERTY)),
                violation("must not be null", node("save", ElementKind.METHOD), node("syncAs", ElementKind.PARAMETER)));
        Response r = new ConstraintViolationMapper().toResponse(new ConstraintViolationException(violations));
        assertEquals(400, r.getStatus());
        ApiError body = (ApiError) r.getEntity();
        assertEquals("bad-request", body.error());
        assertEquals(List.of(new ApiError.Detail("leadId", "must be greater than 0"),
                new ApiError.Detail("syncAs", "must not be null")), body.details());
    }

    private static ConstraintViolation<?> violation(String message, Path.Node... nodes) {
        Path path = () -> List.of(nodes).iterator();
        return (ConstraintViolation<?>) Proxy.newProxyInstance(getClass0(), new Class<?>[] {ConstraintViolation.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMessage" -> message;
                    case "getPropertyPath" -> path;
                    case "getConstraintDescriptor" -> (ConstraintDescriptor<?>) null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static Path.Node node(String name, ElementKind kind) {
        return (Path.Node) Proxy.newProxyInstance(getClass0(), new Class<?>[] {Path.Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getKind" -> kind;
                    case "isInIterable" -> false;
                    default -> null;
                });
    }

    private static ClassLoader getClass0() {
        return ConstraintViolationMapperTest.class.getClassLoader();
    }
}
