package org.passerelle.it.container;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.passerelle.it.endtoend.SmtpSink;

/**
 * A test's own next hop: an {@code smtp-sink} on a free port of 127.0.0.1 and a route of a fresh
 * domain to it in the directory. Started when the test says (until then, deliveries to the domain
 * are deferred: nothing listens); {@link #close} removes the route, stops the sink, deletes its folder.
 */
final class RoutedSink implements AutoCloseable {

    private final DirectoryFixtures fixtures;
    private final String domain;
    private final String route;
    private final Path folder;
    private final SmtpSink sink;

    RoutedSink(DirectoryFixtures fixtures, String domainPrefix) throws IOException {
        this.fixtures = fixtures;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // smtp-sink writes as nobody when the server runs as root: it must reach the dump folder
        folder = Files.createTempDirectory(domainPrefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        sink = new SmtpSink(port, folder.resolve("dump"));
        domain = domainPrefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        route = fixtures.addRoute(domain, "[127.0.0.1]:" + port);
    }

    /** The domain routed to the sink. */
    String domain() {
        return domain;
    }

    RoutedSink start() {
        sink.start();
        return this;
    }

    List<SmtpSink.Received> messagesContaining(String marker) {
        return sink.messagesContaining(marker);
    }

    @Override
    public void close() throws IOException {
        fixtures.removeIfPresent(route);
        sink.stop();
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
