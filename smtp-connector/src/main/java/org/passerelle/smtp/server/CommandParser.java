package org.passerelle.smtp.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.MailAddress;

/** Turns one command line (without its CRLF) into a {@link Command}, per RFC 5321 §4.1. */
final class CommandParser {

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL_PART = Pattern.compile(
            ATOM + "(\\." + ATOM + ")*" + "|\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"");
    private static final Pattern SOURCE_ROUTE = Pattern.compile("@[^,:@\\s]+(,@[^,:@\\s]+)*");
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)(?:=([\\x21-\\x3c\\x3e-\\x7e]+))?");
    private static final Set<String> NOT_IMPLEMENTED = Set.of(
            "VRFY", "EXPN", "HELP", "TURN", "ETRN", "ATRN", "SEND", "SOML", "SAML", "STARTTLS", "AUTH", "BDAT");

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
        return switch (verb) {
            case "EHLO", "HELO" -> hello(verb, argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> withoutArgument(Command.Simple.DATA, argument);
            case "RSET" -> withoutArgument(Command.Simple.RSET, argument);
            case "QUIT" -> withoutArgument(Command.Simple.QUIT, argument);
            // RFC 5321 §4.1.1.9: NOOP may carry a string, which is ignored
            case "NOOP" -> Command.Simple.NOOP;
            default -> NOT_IMPLEMENTED.contains(verb)
                    ? new Command.NotImplemented(verb)
                    : invalid(500, "5.5.2", "Command unrecognized");
        };
    }

    private static Command hello(String verb, String argument) {
        // one word, no control characters: the name ends up in headers and log lines
        if (argument.isEmpty() || argument.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return invalid(501, "5.5.2", "Syntax: " + verb + " hostname");
        }
        return new Command.Hello(argument, verb.equals("EHLO"));
    }

    private static Command mail(String argument) {
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
        Map<String, String> parameters = parameters(path.parameters());
        if (parameters == null) {
            return invalid(501, "5.5.4", "Bad MAIL parameter syntax");
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    if (!value.matches("\\d{1,18}")) {
                        return invalid(501, "5.5.4", "Bad SIZE value");
                    }
                }
                case "BODY" -> {
                    String body = value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        return invalid(501, "5.5.4", "Bad BODY value");
                    }
                    parameter.setValue(body);
                }
                default -> {
                    return invalid(555, "5.5.4", "Unsupported parameter " + parameter.getKey());
                }
            }
        }
        return new Command.Mail(sender, parameters);
    }

    private Command rcpt(String argument) {
        PathArgument path = PathArgument.parse(argument, "TO:");
        if (path == null) {
            return invalid(501, "5.5.2", "Syntax: RCPT TO:<address>");
        }
        if (!path.parameters().isEmpty()) {
            return invalid(555, "5.5.4", "RCPT parameters not supported");
        }
        // RFC 5321 §4.5.1: <Postmaster> without a domain must be accepted
        MailAddress recipient = path.mailbox().equalsIgnoreCase("postmaster")
                ? new MailAddress("postmaster", postmasterDomain)
                : mailbox(path.mailbox());
        if (recipient == null) {
            return invalid(501, "5.1.3", "Bad recipient address syntax");
        }
        return new Command.Rcpt(recipient);
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

    /** ESMTP parameters {@code KEYWORD[=value]}, keys in upper case; {@code null} when malformed or repeated. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return parameters;
        }
        for (String word : text.split(" +")) {
            Matcher parameter = PARAMETER.matcher(word);
            if (!parameter.matches()) {
                return null;
            }
            String value = parameter.group(2) == null ? "" : parameter.group(2);
            if (parameters.put(parameter.group(1).toUpperCase(Locale.ROOT), value) != null) {
                return null;
            }
        }
        return parameters;
    }

    private static Command invalid(int code, String status, String text) {
        return new Command.Invalid(Reply.of(code, status, text));
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
