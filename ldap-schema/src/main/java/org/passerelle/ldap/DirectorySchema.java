package org.passerelle.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The directory schema for UnboundID: its standard schema plus definitions read from the same
 * cn=config LDIF files that OpenLDAP loads, so both directories check entries alike.
 */
public final class DirectorySchema {

    /** The project's own attribute types and object classes. */
    public static final String PASSERELLE_LDIF = "/ldap/passerelle.ldif";

    /** inetLocalMailRecipient, which UnboundID's standard schema lacks. */
    public static final String MAIL_RECIPIENT_LDIF = "/ldap/mail-recipient.ldif";

    private static final String X_ORDERED_PREFIX = "^\\{\\d+}";

    private DirectorySchema() {
    }

    /** UnboundID's standard schema merged with the mail recipient and Passerelle definitions. */
    public static Schema standardWithPasserelle() {
        try {
            return Schema.mergeSchemas(Schema.getDefaultStandardSchema(),
                    fromConfigLdif(MAIL_RECIPIENT_LDIF), fromConfigLdif(PASSERELLE_LDIF));
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read UnboundID's standard schema", e);
        }
    }

    /** Reads a cn=config schema entry (olcAttributeTypes, olcObjectClasses) from the classpath. */
    public static Schema fromConfigLdif(String resource) {
        Entry config = readSingleEntry(resource);
        Entry subschema = new Entry("cn=schema");
        subschema.addAttribute("objectClass", "top", "subschema");
        subschema.addAttribute(new Attribute("attributeTypes", definitions(config, "olcAttributeTypes")));
        subschema.addAttribute(new Attribute("objectClasses", definitions(config, "olcObjectClasses")));
        return new Schema(subschema);
    }

    /** The attribute's definitions, without the "{N}" ordering prefix that slapcat writes. */
    static List<String> definitions(Entry config, String attribute) {
        String[] values = config.getAttributeValues(attribute);
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).map(v -> v.replaceFirst(X_ORDERED_PREFIX, "")).toList();
    }

    static Entry readSingleEntry(String resource) {
        try (InputStream in = DirectorySchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            LDIFReader reader = new LDIFReader(in);
            Entry entry = reader.readEntry();
            if (entry == null) {
                throw new IllegalStateException(resource + " holds no entry");
            }
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (LDIFException e) {
            throw new IllegalStateException("malformed LDIF in " + resource, e);
        }
    }
}
