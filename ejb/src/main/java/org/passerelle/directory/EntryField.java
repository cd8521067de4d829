package org.passerelle.directory;

import java.util.List;
import java.util.Locale;

/**
 * One field of an {@link EntryKind}, as the API names it, and the attribute that holds it.
 *
 * @param writable false for fields the API shows but other parts of Passerelle keep
 */
public record EntryField(String name, String attribute, boolean multiple, boolean required, boolean writable, Type type) {

    static EntryField required(String name, String attribute, Type type) {
        return new EntryField(name, attribute, false, true, true, type);
    }

    static EntryField single(String name, String attribute, Type type) {
        return new EntryField(name, attribute, false, false, true, type);
    }

    static EntryField multiple(String name, String attribute, Type type) {
        return new EntryField(name, attribute, true, false, true, type);
    }

    /** Shown only; {@code multiple} values are DNs of people, shown as their login. */
    static EntryField shown(String name, String attribute, boolean people) {
        return new EntryField(name, attribute, people, false, false, people ? Type.reference("people") : Type.TEXT);
    }

    /** Shown only, several text values. */
    static EntryField shownList(String name, String attribute) {
        return new EntryField(name, attribute, true, false, false, Type.TEXT);
    }

    /**
     * What a value must be: free text, a network (CIDR), an IP address, a non-negative integer, a next hop
     * ({@code [host]:port} or {@code host:port}), a domain or {@code *.domain}, a recipient address or domain, a TLS policy, a day, one of
     * some words, or the name of an entry under {@code ou=referencedUnit}, which the directory holds
     * as its DN.
     */
    public record Type(String kind, List<String> choices, String referencedUnit) {

        public static final Type TEXT = new Type("text", List.of(), null);
        public static final Type NETWORK = new Type("network", List.of(), null);
        /** One IPv4 or IPv6 address, literal. */
        public static final Type ADDRESS = new Type("address", List.of(), null);
        public static final Type INTEGER = new Type("integer", List.of(), null);
        public static final Type NEXT_HOP = new Type("next-hop", List.of(), null);
        public static final Type DOMAIN_PATTERN = new Type("domain-pattern", List.of(), null);
        /** A recipient address, or a domain or {@code *.domain} for every recipient there. */
        public static final Type RECIPIENT = new Type("recipient", List.of(), null);
        /** A TLS policy of deliveries: {@code none}, {@code may}, {@code encrypt}, {@code verify}, {@code fingerprint match=…}. */
        public static final Type TLS_POLICY = new Type("tls-policy", List.of(), null);
        /** A day, ISO 8601 ({@code 2027-03-31}), as the directory keeps it. */
        public static final Type DATE = new Type("date", List.of(), null);

        static Type choice(String... words) {
            return new Type("choice", List.of(words), null);
        }

        static Type reference(String unit) {
            return new Type("reference", List.of(), unit);
        }

        public boolean isReference() {
            return referencedUnit != null;
        }

        /** The value as the directory keeps it; choices in lower case. */
        String normalised(String value) {
            return kind.equals("choice") ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
        }
    }
}
