package org.passerelle.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One allowed form of an application's sender addresses in a managed domain's naming plan, such
 * as {@code {application}@apps.example.test} or {@code noreply-{application}@{domain}}: an address
 * ({@code local@domain}) or a whole domain ({@code @domain}), as allowed senders are written, with
 * placeholders. {@code {application}} stands for the application's name as the directory names it
 * ({@code cn}), {@code {domain}} for the managed domain, {@code *} for one or more characters of
 * the local part. Everything else is literal: a form's text never becomes a regular expression
 * (a dot is a dot), and matching ignores case, as the relay does when it compares senders.
 */
public final class SenderForm {

    static final String APPLICATION = "{application}";
    static final String DOMAIN = "{domain}";
    /** Splits a form before and after each placeholder and {@code *}, keeping them as pieces of their own. */
    private static final Pattern PIECES = Pattern.compile("(?=\\{application}|\\{domain}|\\*)|(?<=\\{application}|\\{domain}|\\*)");
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9.!#$%&'+/=?^_`|~*@{}-]+");

    private final String text;

    private SenderForm(String text) {
        this.text = text;
    }

    /**
     * A form as the directory holds it. One written there by hand is not checked: whatever its
     * text, it matches only senders of that very text (placeholders and {@code *} aside).
     */
    public static SenderForm read(String text) {
        return new SenderForm(text.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * @param managedDomain the domain whose plan it belongs to: the form must stay inside it
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static SenderForm parse(String text, String managedDomain) {
        String form = text.trim().toLowerCase(Locale.ROOT);
        if (form.isEmpty() || !ALLOWED.matcher(form).matches()) {
            throw new IllegalArgumentException("a form is an address or @domain with {application}, {domain} or * in it");
        }
        String unknown = form.replace(APPLICATION, "").replace(DOMAIN, "");
        if (unknown.contains("{") || unknown.contains("}")) {
            throw new IllegalArgumentException("the only placeholders are {application} and {domain}");
        }
        int at = form.indexOf('@');
        if (at < 0 || at != form.lastIndexOf('@') || at == form.length() - 1) {
            throw new IllegalArgumentException("a form is local-part@domain or @domain, with one @");
        }
        String domain = form.substring(at + 1).replace(DOMAIN, managedDomain.toLowerCase(Locale.ROOT));
        if (domain.contains("*")) {
            throw new IllegalArgumentException("* may stand only in the local part");
        }
        if (domain.contains(APPLICATION) ? !domain.endsWith("." + managedDomain.toLowerCase(Locale.ROOT))
                : !new ManagedDomain(managedDomain, ManagedDomain.Kind.LOCAL, null).covers(domain)) {
            throw new IllegalArgumentException("the form's domain must be " + managedDomain + " or one of its subdomains");
        }
        return new SenderForm(form);
    }

    /** Whether the allowed sender, as written in the application's entry, has this form for that application. */
    public boolean matches(String allowedSender, String application, String managedDomain) {
        String candidate = allowedSender.trim().toLowerCase(Locale.ROOT);
        StringBuilder regex = new StringBuilder();
        // each piece is quoted: neither the form nor the application's name can add regex syntax
        for (String piece : PIECES.split(text)) {
            regex.append(switch (piece) {
                case "*" -> "[^@]+";
                case APPLICATION -> Pattern.quote(application.toLowerCase(Locale.ROOT));
                case DOMAIN -> Pattern.quote(managedDomain.toLowerCase(Locale.ROOT));
                default -> Pattern.quote(piece);
            });
        }
        return Pattern.matches(regex.toString(), candidate);
    }

    /** The form for that application, as people read it: {@code noreply-billing@example.test}. */
    public String expected(String application, String managedDomain) {
        return text.replace(APPLICATION, application.toLowerCase(Locale.ROOT))
                .replace(DOMAIN, managedDomain.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SenderForm form && form.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
