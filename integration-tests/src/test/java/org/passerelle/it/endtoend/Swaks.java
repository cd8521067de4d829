package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code swaks} SMTP client, run as a process; its transcript is kept for assertions. Server
 * lines start with {@code <-} ({@code <~} under TLS), {@code <**} when the reply is an error.
 */
final class Swaks {

    private static final Pattern QUEUED = Pattern.compile("<[-~] +250 2\\.0\\.0 Ok: queued as ([0-9A-Z]{16})");

    record Transcript(int exitCode, String text) {

        String queueId() {
            Matcher matcher = QUEUED.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no queue id in the transcript:\n" + text);
            }
            return matcher.group(1);
        }

        boolean hasReply(String reply) {
            return text.lines().anyMatch(line -> line.matches("<[-~*]\\*? +" + Pattern.quote(reply) + ".*"));
        }
    }

    private Swaks() {
    }

    static Transcript send(int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--timeout", "60"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("swaks did not finish:\n" + text);
            }
            return new Transcript(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
