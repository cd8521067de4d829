package org.passerelle.smtp.client;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dialogue for {@link SmtpPeer} that takes every message, as a well-behaved next hop does,
 * with the extensions it is given; a few settings make it refuse or misbehave.
 */
public final class ObligingPeer implements SmtpPeer.Dialogue {

    private final List<String> extensions;
    private final Map<String, String> refusals = new HashMap<>();
    private final List<String> messages = new ArrayList<>();
    private Duration dataEndDelay = Duration.ZERO;
    private boolean hangUpAfterRset;

    private ObligingPeer(List<String> extensions) {
        this.extensions = extensions;
    }

    public static ObligingPeer offering(String... extensions) {
        return new ObligingPeer(List.of(extensions));
    }

    /** RCPT TO this address gets the given reply line. */
    public ObligingPeer refusing(String address, String reply) {
        refusals.put(address, reply);
        return this;
    }

    /** Waits this long before it answers the end of data. */
    public ObligingPeer slowAtDataEnd(Duration delay) {
        dataEndDelay = delay;
        return this;
    }

    /** Closes the connection, without a word, right after it answered RSET. */
    public ObligingPeer hangingUpAfterRset() {
        hangUpAfterRset = true;
        return this;
    }

    /** The messages received, still dot-stuffed. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void run(SmtpPeer.Connection connection) throws IOException, InterruptedException {
        connection.timeout(Duration.ofMinutes(1));
        connection.send("220 peer.test ESMTP");
        while (true) {
            String line;
            try {
                line = connection.read();
            } catch (EOFException closed) {
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> connection.send(ehlo());
                case "HELO" -> connection.send("250 peer.test");
                case "MAIL" -> connection.send("250 2.1.0 Ok");
                case "RCPT" -> connection.send(refusals.getOrDefault(address(line), "250 2.1.5 Ok"));
                case "DATA" -> {
                    connection.send("354 End data with <CR><LF>.<CR><LF>");
                    String message = connection.readData();
                    synchronized (messages) {
                        messages.add(message);
                    }
                    Thread.sleep(dataEndDelay.toMillis());
                    connection.send("250 2.0.0 Ok: queued");
                }
                case "RSET" -> {
                    connection.send("250 2.0.0 Ok");
                    if (hangUpAfterRset) {
                        return;
                    }
                }
                case "QUIT" -> {
                    connection.send("221 2.0.0 Bye");
                    return;
                }
                default -> connection.send("502 5.5.2 Error: command not recognized");
            }
        }
    }

    private String[] ehlo() {
        List<String> lines = new ArrayList<>();
        lines.add("peer.test");
        lines.addAll(extensions);
        String[] reply = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            reply[i] = "250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i);
        }
        return reply;
    }

    private static String address(String rcpt) {
        return rcpt.substring(rcpt.indexOf('<') + 1, rcpt.indexOf('>'));
    }
}
