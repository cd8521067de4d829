package org.passerelle.echo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.passerelle.directory.ManagedDomain;
import org.passerelle.smtp.MailAddress;

/**
 * The address that answers every message with what the gateway saw of it ({@code PSL_ECHO_ADDRESS},
 * docs/echo.md): a whole address, or a local part and {@code @} alone for that local part at the
 * first managed domain the directory lists (the default, {@code echo@}), or none when empty. Its
 * local part compares without case, as a person types it.
 */
public final class EchoAddress {

    public static final EchoAddress NONE = new EchoAddress(null, null);

    private final String localPart;
    /** {@code null}: the first managed domain. */
    private final String domain;

    private EchoAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    /**
     * @param setting the value of {@code PSL_ECHO_ADDRESS}
     * @throws IllegalArgumentException naming the setting when it is no address
     */
    public static EchoAddress of(String setting) {
        String text = setting == null ? "" : setting.trim();
        if (text.isEmpty()) {
            return NONE;
        }
        try {
            if (text.endsWith("@")) {
                MailAddress sample = MailAddress.parse(text + "echo.test");
                return new EchoAddress(sample.localPart(), null);
            }
            MailAddress address = MailAddress.parse(text);
            return new EchoAddress(address.localPart(), address.domain());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PSL_ECHO_ADDRESS is not an address nor a local part followed by @: " + text, e);
        }
    }

    /** The address now, given the managed domains as the directory lists them; none when off or when no domain is managed. */
    public Optional<MailAddress> in(List<ManagedDomain> domains) {
        if (localPart == null) {
            return Optional.empty();
        }
        if (domain != null) {
            return Optional.of(new MailAddress(localPart, domain));
        }
        return domains.stream().findFirst().map(first -> new MailAddress(localPart, first.name()));
    }

    /** Whether the recipient is the echo address. */
    public boolean is(MailAddress recipient, List<ManagedDomain> domains) {
        return in(domains).filter(echo -> same(echo, recipient)).isPresent();
    }

    /** The recipient that is the echo address, if one is. */
    public Optional<MailAddress> among(List<MailAddress> recipients, List<ManagedDomain> domains) {
        return in(domains).flatMap(echo -> recipients.stream().filter(recipient -> same(echo, recipient)).findFirst());
    }

    static boolean same(MailAddress echo, MailAddress address) {
        return echo.domain().equals(address.domain())
                && echo.localPart().toLowerCase(Locale.ROOT).equals(address.localPart().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return localPart == null ? "none" : localPart + "@" + (domain == null ? "<first managed domain>" : domain);
    }
}
