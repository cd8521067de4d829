package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class CommandParserTest {

    private final CommandParser parser = new CommandParser("mx.example.org");

    @Test
    void parsesMailFromWithSizeAndBodyParameters() {
        Command.Mail mail = mail("MAIL FROM:<john@Example.COM> SIZE=1200 BODY=8bitmime");

        assertEquals(new MailAddress("john", "example.com"), mail.sender());
        assertEquals(Map.of("SIZE", "1200", "BODY", "8BITMIME"), mail.parameters());
        assertEquals(1200, mail.declaredSize());
    }

    @Test
    void acceptsTheNullSender() {
        Command.Mail mail = mail("MAIL FROM:<>");

        assertNull(mail.sender());
        assertEquals(Map.of(), mail.parameters());
        assertEquals(-1, mail.declaredSize());
    }

    @Test
    void readsVerbsAndKeywordsWithoutRegardToCase() {
        assertEquals(new MailAddress("a", "b.example"), mail("mail from:<a@b.example> size=10").sender());
        assertEquals(new MailAddress("c", "d.example"), rcpt("Rcpt To:<c@d.example>").recipient());
        assertEquals(new Command.Hello("client.example", true), parser.parse("ehlo client.example"));
        assertSame(Command.Simple.DATA, parser.parse("data"));
    }

    @Test
    void ignoresTheSourceRouteOfAPath() {
        assertEquals(new MailAddress("jane", "example.net"),
                rcpt("RCPT TO:<@relay1.example,@relay2.example:jane@example.net>").recipient());
        assertEquals(new MailAddress("john", "example.com"), mail("MAIL FROM:<@relay.example:john@example.com>").sender());
    }

    @Test
    void rejectsAMalformedSourceRoute() {
        assertEquals("501 5.5.2 Syntax: RCPT TO:<address>", rejection("RCPT TO:<@relay.example jane@example.net>"));
    }

    @Test
    void keepsAQuotedLocalPartWithSpacesAndBrackets() {
        Command.Mail mail = mail("MAIL FROM:<\"john >doe@home\"@example.com> BODY=7BIT");

        assertEquals("\"john >doe@home\"", mail.sender().localPart());
        assertEquals("example.com", mail.sender().domain());
        assertEquals(Map.of("BODY", "7BIT"), mail.parameters());
    }

    @Test
    void toleratesASpaceAfterTheColon() {
        assertEquals(new MailAddress("a", "b.example"), mail("MAIL FROM: <a@b.example>").sender());
    }

    @Test
    void acceptsPostmasterWithoutADomain() {
        assertEquals(new MailAddress("postmaster", "mx.example.org"), rcpt("RCPT TO:<Postmaster>").recipient());
    }

    @Test
    void rejectsAPathWithoutAngleBrackets() {
        assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", rejection("MAIL FROM:john@example.com"));
        assertEquals("501 5.5.2 Syntax: RCPT TO:<address>", rejection("RCPT TO:jane@example.net"));
    }

    @Test
    void rejectsAnUnterminatedPathOrGarbageAfterIt() {
        assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", rejection("MAIL FROM:<john@example.com"));
        assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", rejection("MAIL FROM:<john@example.com>SIZE=1"));
        assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", rejection("MAIL TO:<john@example.com>"));
    }

    @Test
    void rejectsMailboxesThatAreNotDotStringsOrQuotedStrings() {
        assertEquals("501 5.1.7 Bad sender address syntax", rejection("MAIL FROM:<john doe@example.com>"));
        assertEquals("501 5.1.3 Bad recipient address syntax", rejection("RCPT TO:<jane..doe@example.net>"));
        assertEquals("501 5.1.3 Bad recipient address syntax", rejection("RCPT TO:<jane>"));
        assertEquals("501 5.1.3 Bad recipient address syntax", rejection("RCPT TO:<jane@exa_mple.net>"));
    }

    @Test
    void rejectsTheNullPathAsARecipient() {
        assertEquals("501 5.1.3 Bad recipient address syntax", rejection("RCPT TO:<>"));
    }

    @Test
    void rejectsUnknownMailParameters() {
        assertEquals("555 5.5.4 Unsupported parameter SMTPUTF8", rejection("MAIL FROM:<a@b.example> SMTPUTF8"));
        assertEquals("555 5.5.4 Unsupported parameter RET", rejection("MAIL FROM:<a@b.example> ret=HDRS"));
    }

    @Test
    void rejectsMalformedParameterValues() {
        assertEquals("501 5.5.4 Bad SIZE value", rejection("MAIL FROM:<a@b.example> SIZE=12k"));
        assertEquals("501 5.5.4 Bad SIZE value", rejection("MAIL FROM:<a@b.example> SIZE"));
        assertEquals("501 5.5.4 Bad BODY value", rejection("MAIL FROM:<a@b.example> BODY=BINARYMIME"));
        assertEquals("501 5.5.4 Bad MAIL parameter syntax", rejection("MAIL FROM:<a@b.example> SIZE=1 SIZE=2"));
        assertEquals("501 5.5.4 Bad MAIL parameter syntax", rejection("MAIL FROM:<a@b.example> =1"));
    }

    @Test
    void rejectsRcptParameters() {
        assertEquals("555 5.5.4 RCPT parameters not supported", rejection("RCPT TO:<a@b.example> NOTIFY=NEVER"));
    }

    @Test
    void rejectsHeloWithoutASingleNameOfPrintableCharacters() {
        assertEquals("501 5.5.2 Syntax: EHLO hostname", rejection("EHLO"));
        assertEquals("501 5.5.2 Syntax: HELO hostname", rejection("HELO my host"));
        assertEquals("501 5.5.2 Syntax: EHLO hostname", rejection("EHLO evil\u0000.example"));
        assertEquals(new Command.Hello("[192.0.2.1]", false), parser.parse("HELO [192.0.2.1]"));
    }

    @Test
    void rejectsArgumentsToCommandsThatTakeNone() {
        assertEquals("501 5.5.4 DATA takes no argument", rejection("DATA now"));
        assertEquals("501 5.5.4 QUIT takes no argument", rejection("QUIT please"));
        assertEquals("501 5.5.4 RSET takes no argument", rejection("RSET all"));
        assertSame(Command.Simple.QUIT, parser.parse("QUIT  "));
    }

    @Test
    void acceptsNoopWithAString() {
        assertSame(Command.Simple.NOOP, parser.parse("NOOP are you there?"));
    }

    @Test
    void knowsVrfyExpnAndHelpButDoesNotImplementThem() {
        assertEquals(new Command.NotImplemented("VRFY"), parser.parse("VRFY root"));
        assertEquals(new Command.NotImplemented("EXPN"), parser.parse("expn staff"));
        assertEquals(new Command.NotImplemented("HELP"), parser.parse("HELP"));
    }

    @Test
    void rejectsAnUnknownOrEmptyCommand() {
        assertEquals("500 5.5.2 Command unrecognized", rejection("FOO bar"));
        assertEquals("500 5.5.2 Command unrecognized", rejection(""));
        assertEquals("500 5.5.2 Command unrecognized", rejection("MAILFROM:<a@b.example>"));
    }

    private Command.Mail mail(String line) {
        return assertInstanceOf(Command.Mail.class, parser.parse(line));
    }

    private Command.Rcpt rcpt(String line) {
        return assertInstanceOf(Command.Rcpt.class, parser.parse(line));
    }

    private String rejection(String line) {
        Command command = parser.parse(line);
        assertTrue(command instanceof Command.Invalid, () -> line + " was accepted as " + command);
        return ((Command.Invalid) command).reply().toString();
    }
}
