package org.passerelle.smtp.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} on a free port, as a real next hop: {@code -v} logs each connection
 * and command, {@code -d} keeps each message in a file. Options such as {@code -r RCPT} make it
 * refuse on demand.
 */
public final class PostfixSmtpSink implements AutoCloseable {

    public static final Path PROGRAM = Path.of("/usr/sbin/smtp-sink");

    private final Path dir;
    private final int port;
    private final Process process;

    private PostfixSmtpSink(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static PostfixSmtpSink start(Path dir, String... options) throws IOException, InterruptedException {
        // smtp-sink drops root privileges before it writes its files
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "-v", "-d", dir + "/message."));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1:" + port, "10"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("sink.log").toFile()).start();
        PostfixSmtpSink sink = new PostfixSmtpSink(dir, port, process);
        for (int i = 0; !sink.listening(); i++) {
            if (i == 100 || !process.isAlive()) {
                sink.close();
                throw new IllegalStateException("smtp-sink did not start: " + sink.log());
            }
            Thread.sleep(50);
        }
        return sink;
    }

    public NextHop hop() {
        return new NextHop("127.0.0.1", port);
    }

    /** The sink's log lines that start with the given text, such as {@code connect} or {@code RSET}. */
    public long count(String start) throws IOException {
        return log().lines().map(line -> line.substring(line.indexOf(": ") + 2)).filter(line -> line.startsWith(start)).count();
    }

    /** The messages received, each as the sink wrote it: its own headers, then the message with LF line ends. */
    public List<String> messages() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> messages = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("message.")).sorted().toList()) {
                messages.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            return messages;
        }
    }

    /** The SMTP connections clients made, not counting the one that saw the sink had started. */
    public long connections() throws IOException {
        return count("connect (") - 1;
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sink.log"), StandardCharsets.ISO_8859_1);
    }

    private boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
