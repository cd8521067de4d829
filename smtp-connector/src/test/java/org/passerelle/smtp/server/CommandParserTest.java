package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

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
        assertEquals("555 5.5.4 Unsupported parameter MT-PRIORITY", rejection("MAIL FROM:<a@b.example> MT-PRIORITY=3"));
        assertEquals("555 5.5.4 Unsupported parameter NOTIFY", rejection("MAIL FROM:<a@b.example> NOTIFY=NEVER"));
    }

    @Test
    void acceptsSmtpUtf8AndUtf8Addresses() {
        Command.Mail mail = mail("MAIL FROM:<jörg@bücher.example> SMTPUTF8");

        assertEquals(new MailAddress("jörg", "bücher.example"), mail.sender());
        assertEquals(Map.of("SMTPUTF8", ""), mail.parameters());
        assertEquals(new MailAddress("用户", "例子.广告"), rcpt("RCPT TO:<用户@例子.广告>").recipient());
        assertEquals("501 5.5.4 Bad SMTPUTF8 value", rejection("MAIL FROM:<a@b.example> SMTPUTF8=yes"));
    }

    @Test
    void decodesTheDsnParametersOfMail() {
        Command.Mail mail = mail("MAIL FROM:<a@b.example> RET=hdrs ENVID=QQ314159+2B+3Dx SIZE=10");

        assertEquals(new MessageDsn(MessageDsn.Ret.HDRS, "QQ314159+=x"), mail.dsn());
        assertEquals(Map.of("SIZE", "10"), mail.parameters());
        assertEquals(MessageDsn.NONE, mail("MAIL FROM:<a@b.example>").dsn());
    }

    @Test
    void decodesTheDsnParametersOfRcpt() {
        Command.Rcpt rcpt = rcpt("RCPT TO:<c@d.example> NOTIFY=success,DELAY ORCPT=rfc822;C+2Bx@D.example");

        assertEquals(new RecipientDsn(Set.of(RecipientDsn.Notify.SUCCESS, RecipientDsn.Notify.DELAY), "rfc822",
                "C+x@D.example"), rcpt.dsn());
        assertEquals(Set.of(RecipientDsn.Notify.NEVER), rcpt("RCPT TO:<c@d.example> NOTIFY=NEVER").dsn().notifyOn());
        assertEquals(RecipientDsn.NONE, rcpt("RCPT TO:<c@d.example>").dsn());
    }

    @Test
    void rejectsBadDsnValues() {
        assertEquals("501 5.5.4 Bad RET value", rejection("MAIL FROM:<a@b.example> RET=BODY"));
        assertEquals("501 5.5.4 Bad ENVID value", rejection("MAIL FROM:<a@b.example> ENVID=a+2"));
        assertEquals("501 5.5.4 Bad ENVID value", rejection("MAIL FROM:<a@b.example> ENVID=a+2b"));
        assertEquals("501 5.5.4 Bad ENVID value", rejection("MAIL FROM:<a@b.example> ENVID=a+0A"));
        assertEquals("501 5.5.4 Bad ENVID value", rejection("MAIL FROM:<a@b.example> ENVID=" + "x".repeat(101)));
        assertEquals("501 5.5.4 Bad NOTIFY value", rejection("RCPT TO:<c@d.example> NOTIFY=NEVER,SUCCESS"));
        assertEquals("501 5.5.4 Bad NOTIFY value", rejection("RCPT TO:<c@d.example> NOTIFY=FAILURE,FAILURE"));
        assertEquals("501 5.5.4 Bad NOTIFY value", rejection("RCPT TO:<c@d.example> NOTIFY=ALWAYS"));
        assertEquals("501 5.5.4 Bad ORCPT value", rejection("RCPT TO:<c@d.example> ORCPT=c@d.example"));
        assertEquals("501 5.5.4 Bad ORCPT value", rejection("RCPT TO:<c@d.example> ORCPT=rfc822;"));
        assertEquals("555 5.5.4 Unsupported parameter RET", rejection("RCPT TO:<c@d.example> RET=FULL"));
    }

    @Test
    void parsesBdatAndClosesOnABdatItCannotRead() {
        assertEquals(new Command.Bdat(1024, false), parser.parse("BDAT 1024"));
        assertEquals(new Command.Bdat(0, true), parser.parse("bdat 0 last"));

        Command.Invalid invalid = assertInstanceOf(Command.Invalid.class, parser.parse("BDAT 12k LAST"));
        assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", invalid.reply().toString());
        assertTrue(invalid.closesSession());
    }

    @Test
    void parsesAuthWithAndWithoutInitialResponse() {
        assertEquals(new Command.Auth("PLAIN", null), parser.parse("AUTH plain"));
        assertEquals(new Command.Auth("LOGIN", "YWxpY2U="), parser.parse("AUTH LOGIN YWxpY2U="));
        assertEquals("501 5.5.2 Syntax: AUTH mechanism [initial-response]", rejection("AUTH"));
        assertEquals("501 5.5.2 Syntax: AUTH mechanism [initial-response]", rejection("AUTH PLAIN a b"));
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
    void rejectsUnknownRcptParameters() {
        assertEquals("555 5.5.4 Unsupported parameter FOO", rejection("RCPT TO:<a@b.example> FOO=1"));
        assertEquals("501 5.5.4 Bad RCPT parameter syntax", rejection("RCPT TO:<a@b.example> =1"));
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
    void knowsExpnButDoesNotImplementIt() {
        assertEquals(new Command.NotImplemented("EXPN"), parser.parse("expn staff"));
    }

    @Test
    void takesVrfyWithAnArgumentHelpWithOrWithoutAndStarttlsWithout() {
        assertSame(Command.Simple.VRFY, parser.parse("VRFY root"));
        assertEquals("501 5.5.4 Syntax: VRFY address", rejection("VRFY"));
        assertSame(Command.Simple.HELP, parser.parse("HELP"));
        assertSame(Command.Simple.HELP, parser.parse("help mail"));
        assertSame(Command.Simple.STARTTLS, parser.parse("StartTLS"));
        assertEquals("501 5.5.4 STARTTLS takes no argument", rejection("STARTTLS now"));
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
