package org.passerelle.it.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven SMTP client for policy tests: it connects from a chosen loopback address and
 * sends one command at a time, so a test can assert the exact reply of each stage.
 */
final class SmtpDialogue implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;

    private SmtpDialogue(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        this.greeting = reply();
    }

    static SmtpDialogue open(String from, int port) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            return new SmtpDialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the whole reply, lines joined by a newline. */
    String send(String command) {
        try {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After a {@code 354}: sends the message (lines ending in CRLF, none starting with a dot) and the final dot. */
    String data(String message) {
        return send(message + "\r\n.");
    }

    /** The next reply, sent without a command of the client (e.g. the 421 that closes a session). */
    String nextReply() {
        try {
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return reply.length() == 0 ? "(connection closed)" : reply.toString();
            }
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
