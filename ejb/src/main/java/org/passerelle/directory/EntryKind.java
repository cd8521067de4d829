package org.passerelle.directory;

import java.util.List;
import java.util.Optional;

import org.passerelle.directory.EntryField.Type;

/**
 * The kinds of directory entries the admin API reads and writes: where they live, their object
 * class, the attribute that names them, and their fields. Managers, owners, the creation date
 * and a domain's naming plan are shown but not written here: the security list and
 * {@link NamingPlans} keep them. When an application last sent is kept in the database, not the
 * directory (package {@code hygiene}).
 */
public enum EntryKind {

    APPLICATION("application", "applications", "pslSenderApplication", "cn", List.of(
            EntryField.required("status", "pslStatus", Type.choice("active", "suspended")),
            EntryField.single("entity", "pslEntity", Type.reference("entities")),
            EntryField.multiple("networks", "pslNetwork", Type.NETWORK),
            EntryField.multiple("allowedSenders", "pslAllowedSender", Type.TEXT),
            EntryField.multiple("gateways", "pslGateway", Type.reference("gateways")),
            EntryField.single("rateLimit", "pslRateLimit", Type.INTEGER),
            EntryField.single("description", "description", Type.TEXT),
            EntryField.single("expires", "pslExpires", Type.DATE),
            EntryField.shown("managers", "pslManager", true),
            EntryField.shown("owners", "pslOwner", true),
            EntryField.shown("created", "pslCreated", false))),
    ENTITY("entity", "entities", "pslOrgEntity", "cn", List.of(
            EntryField.single("description", "description", Type.TEXT),
            EntryField.shown("managers", "pslManager", true),
            EntryField.shown("owners", "pslOwner", true))),
    GATEWAY("gateway", "gateways", "pslGatewaySite", "cn", List.of(
            EntryField.multiple("hostNames", "pslHostName", Type.TEXT),
            EntryField.multiple("outboundAddresses", "pslOutboundAddress", Type.ADDRESS),
            EntryField.single("description", "description", Type.TEXT))),
    DOMAIN("domain", "domains", "pslManagedDomain", "pslDomainName", List.of(
            EntryField.required("kind", "pslDomainKind", Type.choice("local", "relay")),
            EntryField.single("nextHop", "pslNextHop", Type.NEXT_HOP),
            EntryField.single("tlsPolicy", "pslTlsPolicy", Type.TLS_POLICY),
            EntryField.multiple("relayRecipients", "pslRelayRecipient", Type.TEXT),
            EntryField.single("description", "description", Type.TEXT),
            EntryField.shownList("namingPlan", "pslSenderForm"))),
    ROUTE("route", "routes", "pslRoute", "pslDomainName", List.of(
            EntryField.required("nextHop", "pslNextHop", Type.NEXT_HOP),
            EntryField.single("tlsPolicy", "pslTlsPolicy", Type.TLS_POLICY),
            EntryField.single("description", "description", Type.TEXT))),
    ACCESS_RULE("access-rule", "access", "pslAccessRule", "cn", List.of(
            EntryField.required("action", "pslAction", Type.choice("allow", "deny")),
            EntryField.single("priority", "pslPriority", Type.INTEGER),
            EntryField.multiple("networks", "pslNetwork", Type.NETWORK),
            EntryField.multiple("heloNames", "pslHeloName", Type.DOMAIN_PATTERN),
            EntryField.multiple("senderDomains", "pslSenderDomain", Type.DOMAIN_PATTERN),
            EntryField.single("description", "description", Type.TEXT))),
    /** Kept beside the access rules: mail an entry matches is never greylisted. */
    GREYLIST_ALLOW("greylist-allow", "access", "pslGreylistAllow", "cn", List.of(
            EntryField.multiple("networks", "pslNetwork", Type.NETWORK),
            EntryField.multiple("senderDomains", "pslSenderDomain", Type.DOMAIN_PATTERN),
            EntryField.multiple("recipients", "pslGreylistRecipient", Type.RECIPIENT),
            EntryField.single("description", "description", Type.TEXT)));

    private final String singular;
    private final String unit;
    private final String objectClass;
    private final String namingAttribute;
    private final List<EntryField> fields;

    EntryKind(String singular, String unit, String objectClass, String namingAttribute, List<EntryField> fields) {
        this.singular = singular;
        this.unit = unit;
        this.objectClass = objectClass;
        this.namingAttribute = namingAttribute;
        this.fields = fields;
    }

    /** The name in the audit log's actions ({@code gateway.update}) and in messages. */
    public String singular() {
        return singular;
    }

    public String unit() {
        return unit;
    }

    String objectClass() {
        return objectClass;
    }

    String namingAttribute() {
        return namingAttribute;
    }

    public List<EntryField> fields() {
        return fields;
    }

    public Optional<EntryField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Whether managers and owners hold entries of this kind: the security list is about them. */
    public boolean onSecurityList() {
        return this == APPLICATION || this == ENTITY;
    }
}
