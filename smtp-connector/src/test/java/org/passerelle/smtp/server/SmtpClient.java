package org.passerelle.smtp.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A scripted SMTP client: sends exactly the bytes it is given and reads replies whole. */
final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a command line and returns the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    SmtpClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    SmtpClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One reply, its lines joined with LF, without the final CRLF. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = line();
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    /** Whether the server has closed the connection (and sent nothing more). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed; partial line: " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        if (!text.endsWith("\r")) {
            throw new IOException("reply line without CRLF: " + text);
        }
        return text.substring(0, text.length() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
