package org.leadsync.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly server for a smoke run, from the installation the `wildfly` Maven profile provisioned
 * (`leadsync.wildfly.home`): a fresh copy of its `standalone/` directory, configured and deployed by the README's
 * own command (`jboss-cli.sh --file=server-config/wildfly/<database>.cli`), then started with the test settings of
 * payara-sync-it.properties. Ports: free ones, or from `leadsync.wildfly.port` (HTTP; management one above).
 */
final class WildFlyServer implements AutoCloseable {

    private final Path home;
    private final Path baseDir;
    private final int httpPort;
    private final int managementPort;
    private Process server;

    private WildFlyServer(Path home, Path baseDir, int httpPort, int managementPort) {
        this.home = home;
        this.baseDir = baseDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Configures a fresh server for `database` (h2 or postgresql) and deploys target/leadsync.war. */
    static WildFlyServer configure(String database, Map<String, String> environment) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("leadsync.wildfly.home"));
        Path baseDir = home.resolveSibling("wildfly-" + database);
        deleteTree(baseDir);
        copyTree(home.resolve("standalone"), baseDir);
        String fixed = System.getProperty("leadsync.wildfly.port", "");
        int http = fixed.isBlank() || fixed.startsWith("${") ? freePort() : Integer.parseInt(fixed);
        int management = fixed.isBlank() || fixed.startsWith("${") ? freePort() : http + 1;
        WildFlyServer wildfly = new WildFlyServer(home, baseDir, http, management);
        wildfly.run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=server-config/wildfly/" + database + ".cli"),
                environment, baseDir.resolve("cli.log"));
        return wildfly;
    }

    void start(Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.http.port=" + httpPort, "-Djboss.https.port=" + freePort(),
                "-Djboss.management.http.port=" + managementPort, "-Djboss.management.https.port=" + freePort(),
                "-Dleadsync.self-url=" + base()));
        Properties settings = new Properties();
        try (InputStream in = WildFlyServer.class.getResourceAsStream("/payara-sync-it.properties")) {
            settings.load(in);
        }
        settings.stringPropertyNames().forEach(key -> command.add("-D" + key + "=" + settings.getProperty(key)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("server.log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", "-Xmx512m -Djava.net.preferIPv4Stack=true");
        server = builder.start();
    }

    /** The app at the context root. */
    URL base() {
        return url("http://127.0.0.1:" + httpPort + "/");
    }

    /** WildFly answers /health on its management interface, not beside the app (README.md, Deploy to WildFly). */
    URL health() {
        return url("http://127.0.0.1:" + managementPort + "/health/ready");
    }

    /** HTTP status of GET /health/ready, -1 while nothing answers; the body in `body[0]`. */
    int readiness(String[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) health().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10000);
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                body[0] = in == null ? "" : new String(in.readAllBytes());
            }
            return status;
        } catch (IOException notYet) {
            body[0] = notYet.toString();
            return -1;
        }
    }

    Path log() {
        return baseDir.resolve("server.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (server == null) {
            return;
        }
        // standalone.sh runs the server JVM as its child: stop that first, cleanly (SIGTERM), then the script
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    private void run(List<String> command, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir);
        Process cli = builder.start();
        if (!cli.waitFor(5, TimeUnit.MINUTES) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
