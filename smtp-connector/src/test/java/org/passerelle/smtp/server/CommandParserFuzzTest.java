package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.passerelle.smtp.MessageDsn;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Any bytes, cut anywhere, read as command lines or AUTH responses: the reader and parser answer
 * every complete line with a command or a refusal, never throw, never hold more than one line.
 */
class CommandParserFuzzTest {

    private static final Set<String> MAIL_PARAMETERS = Set.of("SIZE", "BODY", "SMTPUTF8");

    @FuzzTest(maxDuration = "20s")
    void answersEveryLineWithACommandOrARefusal(FuzzedDataProvider data) {
        CommandParser parser = new CommandParser("mx.test.example");
        CommandReader reader = new CommandReader(parser);
        ByteBuf in = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                boolean response = data.consumeBoolean();
                byte[] slice = data.consumeBytes(data.consumeInt(1, 700));
                check(parser.parse(new String(slice, StandardCharsets.UTF_8)));
                in.writeBytes(slice);
                readAll(reader, in, response);
                in.discardReadBytes();
                assertTrue(in.capacity() <= 64 * 1024, "the reader holds " + in.capacity() + " octets");
            }
        } finally {
            in.release();
        }
    }

    private static void readAll(CommandReader reader, ByteBuf in, boolean response) {
        while (in.isReadable()) {
            Command command = response ? reader.readResponse(in) : reader.read(in);
            if (command == null) {
                assertEquals(0, in.readableBytes(), "an unfinished line was left in the buffer");
                return;
            }
            check(command);
        }
    }

    private static void check(Command command) {
        assertNotNull(command);
        if (command instanceof Command.Invalid invalid) {
            Reply reply = invalid.reply();
            assertTrue(reply.code() >= 500 && reply.code() < 600, reply::toString);
            String encoded = new String(reply.encode(), StandardCharsets.US_ASCII);
            assertEquals(reply.lines().size(), encoded.split("\r\n", -1).length - 1, encoded);
        } else if (command instanceof Command.Hello hello) {
            assertTrue(!hello.name().isEmpty() && hello.name().chars().allMatch(c -> c > ' ' && c != 0x7f), hello::name);
        } else if (command instanceof Command.Mail mail) {
            assertTrue(MAIL_PARAMETERS.containsAll(mail.parameters().keySet()), mail::toString);
            assertTrue(mail.declaredSize() >= -1);
            MessageDsn dsn = mail.dsn();
            assertTrue(dsn.envelopeId() == null || dsn.envelopeId().chars().allMatch(c -> c >= ' ' && c <= '~'));
        } else if (command instanceof Command.Rcpt rcpt) {
            assertNotNull(rcpt.recipient());
            assertNotNull(rcpt.dsn());
        } else if (command instanceof Command.Bdat bdat) {
            assertTrue(bdat.size() >= 0);
        } else if (command instanceof Command.Auth auth) {
            assertTrue(auth.mechanism().matches("[A-Z0-9_-]{1,20}"), auth::mechanism);
        } else if (command instanceof Command.Response response) {
            assertTrue(response.text().indexOf('\r') < 0 && response.text().indexOf('\n') < 0);
        }
    }
}
