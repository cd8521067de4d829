package org.passerelle.smtp.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

/**
 * Turns one command line (without its CRLF) into a {@link Command}, per RFC 5321 §4.1 and the
 * extensions offered: SMTPUTF8 addresses (RFC 6531), DSN parameters (RFC 3461), AUTH (RFC 4954),
 * BDAT (RFC 3030). Whatever the line, the answer is a command, never an exception.
 */
final class CommandParser {

    /** RFC 5321 atext, and any non-ASCII character but C1 controls and spaces (RFC 6531 §3.3). */
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-[^\\x00-\\x9f\\p{Z}]]";
    private static final Pattern LOCAL_PART = Pattern.compile(
            ATEXT + "+(\\." + ATEXT + "+)*" + "|\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e[^\\x00-\\x9f\\p{Z}]]|\\\\[\\x20-\\x7e])*\"");
    private static final Pattern SOURCE_ROUTE = Pattern.compile("@[^,:@\\s]+(,@[^,:@\\s]+)*");
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)(?:=([\\x21-\\x3c\\x3e-\\x7e]+))?");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern BDAT = Pattern.compile("(\\d{1,18})( +(?i:LAST))?");
    private static final Pattern SASL_MECHANISM = Pattern.compile("[A-Z0-9_-]{1,20}");
    private static final Set<String> NOT_IMPLEMENTED = Set.of("EXPN", "TURN", "ETRN", "ATRN", "SEND", "SOML", "SAML");

    private final String postmasterDomain;

    /** @param hostName this server's name: the domain of a bare {@code <Postmaster>} recipient */
    CommandParser(String hostName) {
        this.postmasterDomain = hostName;
    }

    Command parse(String line) {
        String text = line.stripTrailing();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        try {
            return switch (verb) {
                case "EHLO", "HELO" -> hello(verb, argument);
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "BDAT" -> bdat(argument);
                case "AUTH" -> auth(argument);
                case "DATA" -> withoutArgument(Command.Simple.DATA, argument);
                case "RSET" -> withoutArgument(Command.Simple.RSET, argument);
                case "QUIT" -> withoutArgument(Command.Simple.QUIT, argument);
                case "STARTTLS" -> withoutArgument(Command.Simple.STARTTLS, argument);
                case "VRFY" -> argument.isEmpty() ? invalid(501, "5.5.4", "Syntax: VRFY address") : Command.Simple.VRFY;
                // RFC 5321 §4.1.1.8 and §4.1.1.9: HELP and NOOP may carry a string, which is ignored
                case "HELP" -> Command.Simple.HELP;
                case "NOOP" -> Command.Simple.NOOP;
                default -> NOT_IMPLEMENTED.contains(verb)
                        ? new Command.NotImplemented(verb)
                        : invalid(500, "5.5.2", "Command unrecognized");
            };
        } catch (BadParameter bad) {
            return bad.command;
        }
    }

    private static final int HOST_NAME_LIMIT = 255;

    private static Command hello(String verb, String argument) {
        // one word, no control characters: the name ends up in headers and log lines
        if (argument.isEmpty() || argument.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return invalid(501, "5.5.2", "Syntax: " + verb + " hostname");
        }
        // no domain name is longer (RFC 1035 §2.3.4), and the tracking log keeps no more
        if (argument.length() > HOST_NAME_LIMIT) {
            return invalid(501, "5.5.2", "Host name too long: at most " + HOST_NAME_LIMIT + " characters");
        }
        return new Command.Hello(argument, verb.equals("EHLO"));
    }

    private static Command mail(String argument) throws BadParameter {
        PathArgument path = PathArgument.parse(argument, "FROM:");
        if (path == null) {
            return invalid(501, "5.5.2", "Syntax: MAIL FROM:<address>");
        }
        MailAddress sender = null;
        if (!path.mailbox().isEmpty()) {
            sender = mailbox(path.mailbox());
            if (sender == null) {
                return invalid(501, "5.1.7", "Bad sender address syntax");
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        MessageDsn.Ret ret = null;
        String envelopeId = null;
        for (Map.Entry<String, String> parameter : parameters(path.parameters(), "MAIL").entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> kept.put("SIZE", check(value.matches("\\d{1,18}") ? value : null, "SIZE"));
                case "BODY" -> kept.put("BODY", check(body(value), "BODY"));
                case "SMTPUTF8" -> kept.put("SMTPUTF8", check(value.isEmpty() ? "" : null, "SMTPUTF8"));
                case "RET" -> ret = check(DsnParameters.ret(value), "RET");
                case "ENVID" -> envelopeId = check(DsnParameters.envelopeId(value), "ENVID");
                // RFC 4954 §5: a client's claim about who submitted the message is not trusted, so it is dropped
                case "AUTH" -> check(value.equals("<>") || !value.isEmpty() && Xtext.decode(value) != null
                        ? value : null, "AUTH");
                default -> throw new BadParameter(555, "Unsupported parameter " + parameter.getKey());
            }
        }
        return new Command.Mail(sender, kept, new MessageDsn(ret, envelopeId));
    }

    private Command rcpt(String argument) throws BadParameter {
        PathArgument path = PathArgument.parse(argument, "TO:");
        if (path == null) {
            return invalid(501, "5.5.2", "Syntax: RCPT TO:<address>");
        }
        // RFC 5321 §4.5.1: <Postmaster> without a domain must be accepted
        MailAddress recipient = path.mailbox().equalsIgnoreCase("postmaster")
                ? new MailAddress("postmaster", postmasterDomain)
                : mailbox(path.mailbox());
        if (recipient == null) {
            return invalid(501, "5.1.3", "Bad recipient address syntax");
        }
        Set<RecipientDsn.Notify> notify = Set.of();
        DsnParameters.OriginalRecipient original = null;
        for (Map.Entry<String, String> parameter : parameters(path.parameters(), "RCPT").entrySet()) {
            switch (parameter.getKey()) {
                case "NOTIFY" -> notify = check(DsnParameters.notify(parameter.getValue()), "NOTIFY");
                case "ORCPT" -> original = check(DsnParameters.originalRecipient(parameter.getValue()), "ORCPT");
                default -> throw new BadParameter(555, "Unsupported parameter " + parameter.getKey());
            }
        }
        return new Command.Rcpt(recipient, original == null
                ? new RecipientDsn(notify, null, null)
                : new RecipientDsn(notify, original.type(), original.address()));
    }

    /** A BDAT whose size cannot be read leaves no way to find the next command: the session ends. */
    private static Command bdat(String argument) {
        Matcher bdat = BDAT.matcher(argument);
        if (!bdat.matches()) {
            return new Command.Invalid(Reply.of(501, "5.5.4", "Syntax: BDAT size [LAST]"), true);
        }
        return new Command.Bdat(Long.parseLong(bdat.group(1)), bdat.group(2) != null);
    }

    private static Command auth(String argument) {
        String[] words = argument.split(" ", -1);
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (words.length > 2 || !SASL_MECHANISM.matcher(mechanism).matches()) {
            return invalid(501, "5.5.2", "Syntax: AUTH mechanism [initial-response]");
        }
        return new Command.Auth(mechanism, words.length == 2 ? words[1] : null);
    }

    private static String body(String value) {
        String body = value.toUpperCase(Locale.ROOT);
        return body.equals("7BIT") || body.equals("8BITMIME") ? body : null;
    }

    private static <T> T check(T value, String parameter) throws BadParameter {
        if (value == null) {
            throw new BadParameter(501, "Bad " + parameter + " value");
        }
        return value;
    }

    private static Command withoutArgument(Command.Simple command, String argument) {
        return argument.isEmpty() ? command : invalid(501, "5.5.4", command + " takes no argument");
    }

    /** The mailbox, or {@code null} when it is not one (RFC 5321 §4.1.2: dot-string or quoted local part). */
    private static MailAddress mailbox(String text) {
        try {
            MailAddress address = MailAddress.parse(text);
            return LOCAL_PART.matcher(address.localPart()).matches() ? address : null;
        } catch (IllegalArgumentException notAMailbox) {
            return null;
        }
    }

    /** ESMTP parameters {@code KEYWORD[=value]}, keys in upper case, in the order given. */
    private static Map<String, String> parameters(String text, String verb) throws BadParameter {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return parameters;
        }
        for (String word : SPACES.split(text)) {
            Matcher parameter = PARAMETER.matcher(word);
            if (!parameter.matches()) {
                throw new BadParameter(501, "Bad " + verb + " parameter syntax");
            }
            String value = parameter.group(2) == null ? "" : parameter.group(2);
            if (parameters.put(parameter.group(1).toUpperCase(Locale.ROOT), value) != null) {
                throw new BadParameter(501, "Bad " + verb + " parameter syntax");
            }
        }
        return parameters;
    }

    private static Command invalid(int code, String status, String text) {
        return new Command.Invalid(Reply.of(code, status, text));
    }

    /** A parameter the command cannot take; thrown to leave the parameter loops at once. */
    private static final class BadParameter extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Command command;

        BadParameter(int code, String text) {
            super(text, null, false, false);
            this.command = invalid(code, "5.5.4", text);
        }
    }

    /** The {@code <path>} of MAIL or RCPT, split from what follows it. */
    private record PathArgument(String mailbox, String parameters) {

        static PathArgument parse(String argument, String keyword) {
            if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return null;
            }
            // "MAIL FROM: <a@b>" is not RFC 5321, but common enough to accept
            String rest = argument.substring(keyword.length()).stripLeading();
            int close = closingBracket(rest);
            if (close < 0) {
                return null;
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && after.charAt(0) != ' ') {
                return null;
            }
            String mailbox = withoutSourceRoute(rest.substring(1, close));
            return mailbox == null ? null : new PathArgument(mailbox, after.strip());
        }

        /** Index of the {@code >} closing a path that starts the text, skipping quoted parts; -1 if none. */
        private static int closingBracket(String text) {
            if (!text.startsWith("<")) {
                return -1;
            }
            boolean quoted = false;
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '>') {
                    return i;
                } else if (!quoted && c == '<') {
                    return -1;
                }
            }
            return -1;
        }

        /** RFC 5321 §4.1.2: a source route ({@code @a,@b:}) is accepted and ignored. */
        private static String withoutSourceRoute(String path) {
            if (!path.startsWith("@")) {
                return path;
            }
            int colon = path.indexOf(':');
            return colon > 0 && SOURCE_ROUTE.matcher(path.substring(0, colon)).matches()
                    ? path.substring(colon + 1)
                    : null;
        }
    }
}
