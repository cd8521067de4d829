package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} as the next hop: it accepts every message and writes each one to a
 * file of its own, with the envelope it was given. Public: MailSubmissionIT starts one inside the
 * Arquillian server.
 */
public final class SmtpSink {

    /** One message as the sink received it. */
    public record Received(String mailFrom, List<String> rcptTo, String message) {
    }

    private final int port;
    private final Path dumpDir;
    private final List<String> options;
    private Process process;

    /** @param options more smtp-sink options, e.g. {@code -f RCPT} to refuse every recipient with a 5xx */
    public SmtpSink(int port, Path dumpDir, String... options) {
        this.port = port;
        this.dumpDir = dumpDir;
        this.options = List.of(options);
    }

    /** Starts the sink, unless it runs already: two would share the port and one would outlive {@link #stop()}. */
    public void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dumpDir);
            // smtp-sink drops root privileges before it writes
            Files.setPosixFilePermissions(dumpDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> command = new ArrayList<>(List.of("/usr/sbin/smtp-sink"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.addAll(options);
            command.addAll(List.of("-d", dumpDir + "/%Y%m%d%H%M%S.", "127.0.0.1:" + port, "100"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dumpDir.resolveSibling(dumpDir.getFileName() + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (!listening()) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new IllegalStateException("smtp-sink did not start on port " + port);
            }
            PasserelleServer.sleep(Duration.ofMillis(50));
        }
    }

    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every message received so far whose content holds the marker. */
    public List<Received> messagesContaining(String marker) {
        try (Stream<Path> files = Files.list(dumpDir)) {
            return files.map(SmtpSink::parse).filter(r -> r.message().contains(marker)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many copies of each message arrived, by Message-Id, for the messages whose Message-Id
     * starts with the prefix: a load test's count of what was delivered, and twice.
     */
    Map<String, Integer> copiesByMessageId(String prefix) {
        Pattern messageId = Pattern.compile("(?m)^Message-Id: <(" + Pattern.quote(prefix) + "[^>]*)>$");
        Map<String, Integer> copies = new HashMap<>();
        for (Received received : messagesContaining(prefix)) {
            Matcher id = messageId.matcher(received.message());
            if (id.find()) {
                copies.merge(id.group(1), 1, Integer::sum);
            }
        }
        return copies;
    }

    /** The delivery status notifications received for this address, once one has arrived and a second would have too. */
    List<Received> awaitNoticesTo(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (noticesTo(address).isEmpty() && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
        PasserelleServer.sleep(Duration.ofSeconds(1));
        return noticesTo(address);
    }

    private List<Received> noticesTo(String address) {
        return messagesContaining("report-type=delivery-status").stream()
                .filter(received -> received.rcptTo().contains("<" + address + ">"))
                .toList();
    }

    // The dump is the envelope as X- lines, the sink's own Received header, then the message with LF endings.
    private static Received parse(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            String from = null;
            List<String> rcpts = new ArrayList<>();
            int i = 0;
            for (; i < lines.size() && lines.get(i).startsWith("X-"); i++) {
                String line = lines.get(i);
                if (line.startsWith("X-Mail-Args: ")) {
                    from = line.substring("X-Mail-Args: ".length());
                } else if (line.startsWith("X-Rcpt-Args: ")) {
                    rcpts.add(line.substring("X-Rcpt-Args: ".length()));
                }
            }
            // the sink's own Received header, then its continuation lines; a file the sink is still
            // writing may end before them, and is read whole on the next look
            i = Math.min(i + 1, lines.size());
            while (i < lines.size() && lines.get(i).startsWith("\t")) {
                i++;
            }
            return new Received(from, rcpts, String.join("\n", lines.subList(i, lines.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
