package org.passerelle.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real spamd and clamd of {@code scanners/scanners.sh}, started once for all the unit tests of
 * a run on free ports (so that parallel builds do not collide) and stopped when the run ends,
 * whatever its outcome. Tests get it as a parameter, with {@code @ExtendWith(RealScanners.Extension.class)}.
 */
public final class RealScanners implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Path script;
    private final Path dir;
    private final int spamdPort;
    private final int clamdPort;

    private RealScanners(Path script, Path dir, int spamdPort, int clamdPort) {
        this.script = script;
        this.dir = dir;
        this.spamdPort = spamdPort;
        this.clamdPort = clamdPort;
    }

    /** Gives tests the scanners of this run, started on first use and registered to stop when the run ends. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RealScanners.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }
    }

    private static synchronized RealScanners of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealScanners.class, key -> start(), RealScanners.class);
    }

    private static RealScanners start() {
        Path script = Path.of(System.getProperty("scanners.script", "../scanners/scanners.sh")).toAbsolutePath();
        Path dir = Path.of(System.getProperty("scanners.dir", "target/scanners")).toAbsolutePath();
        RealScanners scanners = new RealScanners(script, dir, freePort(), freePort());
        scanners.run("start", "--spamd-port", String.valueOf(scanners.spamdPort), "--clamd-port", String.valueOf(scanners.clamdPort));
        return scanners;
    }

    public InetSocketAddress spamd() {
        return new InetSocketAddress("127.0.0.1", spamdPort);
    }

    public InetSocketAddress clamd() {
        return new InetSocketAddress("127.0.0.1", clamdPort);
    }

    public void stopClamd() {
        run("stop-clamd");
    }

    public void startClamd() {
        run("start-clamd", "--clamd-port", String.valueOf(clamdPort));
    }

    @Override
    public void close() {
        run("stop");
    }

    private void run(String command, String... options) {
        List<String> line = new java.util.ArrayList<>(List.of(script.toString(), command, "--dir", dir.toString()));
        line.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
