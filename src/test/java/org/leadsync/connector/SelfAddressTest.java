package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app's own address is configured or learnt from the first request, never guessed (docs/sandbox.md). */
class SelfAddressTest {

    private static SelfAddress self(String selfUrl, String marketo, String dynamics) {
        SelfAddress self = new SelfAddress();
        self.configuredSelfUrl = Optional.ofNullable(selfUrl);
        self.marketoBaseUrl = Optional.ofNullable(marketo);
        self.dynamicsBaseUrl = Optional.ofNullable(dynamics);
        return self;
    }

    /** Just the four getters a request needs here. */
    private static HttpServletRequest request(String scheme, String localAddr, int localPort, String contextPath) {
        Map<String, Object> answers = Map.of("getScheme", scheme, "getLocalAddr", localAddr, "getLocalPort", localPort,
                "getContextPath", contextPath);
        return (HttpServletRequest) Proxy.newProxyInstance(SelfAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    @Test
    void unknownUntilTheFirstRequestThenThatRequestsLocalAddressAndPort() {
        SelfAddress self = self(null, null, null);
        assertTrue(self.unknown().orElseThrow().contains("leadsync.self-url"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, self::marketoBase);
        assertTrue(refused.getMessage().contains("does not know its own address"), refused.getMessage());

        self.learn(request("http", "127.0.0.1", 18444, ""));
        self.learn(request("http", "10.0.0.7", 9999, "/other")); // only the first request counts
        assertEquals(Optional.empty(), self.unknown());
        assertEquals("http://127.0.0.1:18444/sandbox/marketo", self.marketoBase().toString());
        assertEquals("http://127.0.0.1:18444/sandbox/dynamics", self.dynamicsBase().toString());
    }

    @ParameterizedTest(name = "{0} {1}:{2}{3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            http  | 10.1.2.3                  | 8080 | /leadsync | http://10.1.2.3:8080/leadsync
            https | 0:0:0:0:0:0:0:1           | 8181 |           | https://[0:0:0:0:0:0:0:1]:8181
            http  | fe80:0:0:0:1:2:3:4%eth0   | 8080 |           | http://[fe80:0:0:0:1:2:3:4]:8080
            http  | 0.0.0.0                   | 8080 |           | http://127.0.0.1:8080
            """)
    void theLearntAddressIsWhereTheRequestArrived(String scheme, String addr, int port, String context, String expected) {
        SelfAddress self = self(null, null, null);
        self.learn(request(scheme, addr, port, context == null ? "" : context));
        assertEquals(expected, self.selfUrl());
    }

    @Test
    void aConfiguredAddressWinsAndRealVendorsNeedNone() {
        SelfAddress configured = self("http://leadsync.internal:8080/", null, null);
        configured.learn(request("http", "127.0.0.1", 1, ""));
        assertEquals("http://leadsync.internal:8080", configured.selfUrl());
        assertEquals(Optional.empty(), configured.unknown());
        assertEquals(Optional.empty(), self(null, "https://123-abc-456.mktorest.com", "https://org.crm.dynamics.com").unknown(),
                "both vendors real: the sandbox is not needed");
        assertTrue(self(null, "https://123-abc-456.mktorest.com", null).unknown().isPresent(), "Dynamics is still the sandbox");
    }
}
