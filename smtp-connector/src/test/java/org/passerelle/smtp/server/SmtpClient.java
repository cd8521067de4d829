package org.passerelle.smtp.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP client: sends exactly the bytes it is given and reads replies whole. It can
 * start TLS over its connection (STARTTLS) or from the first byte.
 */
final class SmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpClient(int port) throws IOException {
        use(new Socket("127.0.0.1", port));
    }

    /** A client connecting from another loopback address ({@code 127.0.0.30}: all of 127/8 is this host). */
    SmtpClient(String from, int port) throws IOException {
        use(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0));
    }

    /** A client speaking TLS from the first byte, offering only {@code protocols}. */
    SmtpClient(int port, SSLContext tls, String... protocols) throws IOException {
        this(port);
        startTls(tls, protocols);
    }

    /** Runs the TLS handshake over the connection as it is; nothing the server sent before is kept. */
    SSLSocket startTls(SSLContext tls, String... protocols) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        if (protocols.length > 0) {
            secured.setEnabledProtocols(protocols);
        }
        secured.startHandshake();
        use(secured);
        return secured;
    }

    private void use(Socket connection) throws IOException {
        socket = connection;
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
        return send(text.getBytes(StandardCharsets.UTF_8));
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

    /** One reply line, without its CRLF. */
    String line() throws IOException {
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

    /** Whether the server has closed the connection (and sent nothing more). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
