package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.tls.TestTls;
import org.passerelle.smtp.tls.TlsSettings;

/**
 * Runs the scripted SMTP sessions of {@code src/test/resources/conformance/*.smtp} against a real
 * {@link SmtpServer}, byte for byte. The format is in that folder's README.
 */
class ConformanceTest {

    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    static Stream<String> scripts() throws IOException, URISyntaxException {
        Path folder = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".smtp")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void session(String script) throws Exception {
        List<String> lines = Files.readAllLines(
                Path.of(ConformanceTest.class.getResource("/conformance/" + script).toURI()), StandardCharsets.UTF_8);
        ListenerSettings.Builder settings = ListenerSettings.builder("test", "127.0.0.1", 0, TestTls.HOST)
                .tls(TestTls.settings()).authFailureDelay(Duration.ZERO);
        int first = 0;
        for (; first < lines.size() && !isStep(lines.get(first)); first++) {
            if (lines.get(first).startsWith("@ ")) {
                configure(settings, lines.get(first).substring(2));
            }
        }
        ListenerSettings built = settings.build();
        SmtpServer server = open(SmtpServer.start(built, listener));
        new Run(script, server.port(), built.mode() == ListenerMode.SUBMISSIONS)
                .steps(lines.subList(first, lines.size()), first + 1);
    }

    private static boolean isStep(String line) {
        return !line.isBlank() && !line.startsWith("#") && !line.startsWith("@ ");
    }

    private static void configure(ListenerSettings.Builder settings, String line) {
        for (String setting : line.trim().split(" +")) {
            String[] pair = setting.split("=", 2);
            String value = pair[1];
            switch (pair[0]) {
                case "mode" -> settings.mode(ListenerMode.of(value));
                case "tls" -> settings.tls(value.equals("none") ? TlsSettings.NONE : TestTls.settings());
                case "messageSizeLimit" -> settings.messageSizeLimit(Long.parseLong(value));
                case "recipientLimit" -> settings.recipientLimit(Integer.parseInt(value));
                case "idleTimeoutMillis" -> settings.idleTimeout(Duration.ofMillis(Long.parseLong(value)));
                case "sessionTimeoutMillis" -> settings.sessionTimeout(Duration.ofMillis(Long.parseLong(value)));
                case "clientConnectionLimit" -> settings.clientConnectionLimit(Integer.parseInt(value));
                case "connectionLimit" -> settings.connectionLimit(Integer.parseInt(value));
                case "relayAuth" -> settings.relayAuth(Boolean.parseBoolean(value));
                case "authFailureLimit" -> settings.authFailureLimit(Integer.parseInt(value));
                case "authFailureDelayMillis" -> settings.authFailureDelay(Duration.ofMillis(Long.parseLong(value)));
                case "pregreetDelayMillis" -> settings.pregreetDelay(Duration.ofMillis(Long.parseLong(value)));
                case "rejectPregreeting" -> settings.rejectPregreeting(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException("unknown setting " + pair[0]);
            }
        }
    }

    /** One script's run: its connections, the current one, timing. */
    private final class Run {

        private final String script;
        private final int port;
        private final boolean implicitTls;
        private SmtpClient client;
        private long lastSent;
        private long minimumWait;
        /** Calls before this one have been matched by E: lines already. */
        private int nextCall;

        Run(String script, int port, boolean implicitTls) {
            this.script = script;
            this.port = port;
            this.implicitTls = implicitTls;
        }

        void steps(List<String> lines, int firstLineNumber) throws Exception {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!isStep(line)) {
                    continue;
                }
                try {
                    step(line);
                } catch (AssertionError | IOException e) {
                    throw new AssertionError(script + " line " + (firstLineNumber + i) + " `" + line + "`: " + e.getMessage(), e);
                }
            }
        }

        private void step(String line) throws Exception {
            String text = line.length() > 3 ? line.substring(3) : "";
            switch (line.substring(0, Math.min(2, line.length()))) {
                case "! " -> directive(line.substring(2).split(" "));
                case "C:" -> send(unescape(text + "\\r\\n"));
                case "C>" -> send(unescape(text));
                case "S:" -> expectLine(text);
                case "E:" -> endpointAsked(text);
                default -> fail("not a script line");
            }
        }

        private void directive(String[] words) throws Exception {
            switch (words[0]) {
                case "connect" -> client = connect();
                case "starttls" -> connection().startTls(TestTls.clientContext(), words.length > 1 ? words[1] : "TLSv1.3");
                case "closed" -> assertTrue(connection().closedByServer(), "the server kept the connection open");
                case "sleep" -> Thread.sleep(Long.parseLong(words[1]));
                case "wait-at-least" -> minimumWait = Long.parseLong(words[1]);
                case "messages" -> assertEquals(Long.parseLong(words[1]), listener.count("data"), "data() calls");
                default -> fail("unknown directive " + words[0]);
            }
        }

        /** The endpoint was asked this, after what the previous E: line matched. */
        private void endpointAsked(String call) {
            List<String> calls = listener.calls;
            for (int i = nextCall; i < calls.size(); i++) {
                if (calls.get(i).equals(call)) {
                    nextCall = i + 1;
                    return;
                }
            }
            fail("the endpoint was not asked `" + call + "`; it was asked " + calls.subList(nextCall, calls.size()));
        }

        private void send(byte[] bytes) throws IOException {
            connection().send(bytes);
            lastSent = System.nanoTime();
        }

        private void expectLine(String expected) throws IOException {
            String actual = connection().line();
            long waited = Duration.ofNanos(System.nanoTime() - lastSent).toMillis();
            assertEquals(expected, actual);
            assertTrue(waited >= minimumWait, "the reply came after " + waited + " ms, before " + minimumWait);
            minimumWait = 0;
        }

        private SmtpClient connection() throws IOException {
            if (client == null) {
                client = connect();
            }
            return client;
        }

        private SmtpClient connect() throws IOException {
            return open(implicitTls ? new SmtpClient(port, TestTls.clientContext(), "TLSv1.3") : new SmtpClient(port));
        }
    }

    /** Script text as bytes: UTF-8, with {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xHH} escapes. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            char escape = text.charAt(++i);
            switch (escape) {
                case 'r' -> bytes.write('\r');
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case '\\' -> bytes.write('\\');
                case 'x' -> {
                    bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + escape);
            }
        }
        return bytes.toByteArray();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
