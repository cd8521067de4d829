package org.passerelle.routing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's dnsmasq as a real DNS server for tests: on a free port of 127.0.0.1, in the foreground
 * as a child process, serving only the records it is given (no upstream, no /etc/hosts, no
 * configuration file). Names under {@code .test} that it is not given do not exist (NXDOMAIN);
 * names elsewhere are refused.
 */
public final class Dnsmasq implements AutoCloseable {

    static final Path PROGRAM = Path.of("/usr/sbin/dnsmasq");

    private final int port;
    private final Process process;
    private final Path log;

    private Dnsmasq(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** @param records dnsmasq options such as {@code --mx-host=example.test,mx.example.test,10} */
    public static Dnsmasq start(Path dir, String... records) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-hosts", "--no-resolv", "--local=/test/", "--listen-address=127.0.0.1", "--bind-interfaces",
                "--port=" + port, "--pid-file=", "--log-facility=-"));
        command.addAll(List.of(records));
        Path log = dir.resolve("dnsmasq.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Dnsmasq dnsmasq = new Dnsmasq(port, process, log);
        NameService probe = dnsmasq.nameService(Duration.ofMillis(200));
        for (int i = 0; probe.mailExchangers("probe.test").outcome() == DnsAnswer.Outcome.FAILED; i++) {
            if (i == 50 || !process.isAlive()) {
                dnsmasq.close();
                throw new IllegalStateException("dnsmasq did not start: " + dnsmasq.log());
            }
            Thread.sleep(100);
        }
        return dnsmasq;
    }

    /** dnsjava asking this server, as {@code PSL_DNS_RESOLVER=127.0.0.1:port} makes Passerelle do. */
    public DnsjavaNameService nameService(Duration timeout) {
        return DnsjavaNameService.of(Optional.of("127.0.0.1:" + port), timeout);
    }

    private String log() throws IOException {
        return Files.readString(log);
    }

    // dnsmasq answers on UDP and TCP: the port must be free for both
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, loopback)) {
                try (ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
                    return udp.getLocalPort();
                } catch (IOException busy) {
                    // taken for TCP only: try another
                }
            }
        }
        throw new IOException("no port of 127.0.0.1 is free for both UDP and TCP");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
