package org.passerelle.ldap;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassType;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaFilesTest {

    /** An OID under the project arc, in branch %d: 1 for attribute types, 2 for object classes. */
    private static final String OID_UNDER_ARC =
            Pattern.quote("2.25.322343176488642830790680948897850098416") + "\\.%d\\.[1-9][0-9]*";

    /** Names the rest of Passerelle uses; renaming one breaks other modules. */
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("pslDomainName", "pslDomainKind",
            "pslNextHop", "pslHostName", "pslNetwork", "pslAllowedSender", "pslGateway", "pslStatus",
            "pslEntity", "pslManager", "pslOwner", "pslRateLimit", "pslLastUsed", "pslCreated", "pslAction",
            "pslHeloName", "pslSenderDomain", "pslPriority", "pslTlsPolicy", "pslRelayRecipient", "pslGreylistRecipient",
            "pslSenderForm", "pslOutboundAddress", "pslExpires");
    private static final Set<String> OBJECT_CLASSES = Set.of("pslManagedDomain", "pslRoute",
            "pslGatewaySite", "pslOrgEntity", "pslSenderApplication", "pslAccessRule", "pslGreylistAllow");

    private static final Path OPENLDAP_MISC_LDIF = Path.of("/etc/ldap/schema/misc.ldif");

    @Test
    void schemaFileAndConfigLdifDeclareTheSameDefinitions() throws Exception {
        SchemaDefinitions schemaFile = SchemaDefinitions.fromSchemaFile(resource("/ldap/passerelle.schema"));
        SchemaDefinitions configLdif = SchemaDefinitions.fromConfigLdif(DirectorySchema.PASSERELLE_LDIF);

        assertSameDefinitions(schemaFile.attributeTypes(), configLdif.attributeTypes());
        assertSameDefinitions(schemaFile.objectClasses(), configLdif.objectClasses());
    }

    @Test
    void declaresExactlyTheNamesOtherModulesUse() throws Exception {
        SchemaDefinitions definitions = SchemaDefinitions.fromConfigLdif(DirectorySchema.PASSERELLE_LDIF);

        assertEquals(ATTRIBUTE_TYPES, definitions.attributeTypes().keySet());
        assertEquals(OBJECT_CLASSES, definitions.objectClasses().keySet());
    }

    @Test
    void everyDefinitionHasADescriptionAndAUniqueOidUnderTheProjectArc() {
        Schema schema = DirectorySchema.fromConfigLdif(DirectorySchema.PASSERELLE_LDIF);
        Set<String> oids = new HashSet<>();
        for (AttributeTypeDefinition type : schema.getAttributeTypes()) {
            assertTrue(type.getOID().matches(OID_UNDER_ARC.formatted(1)), type.getOID());
            assertNotNull(type.getDescription(), type.getNameOrOID());
            assertTrue(oids.add(type.getOID()), "duplicate OID " + type.getOID());
        }
        for (ObjectClassDefinition objectClass : schema.getObjectClasses()) {
            assertTrue(objectClass.getOID().matches(OID_UNDER_ARC.formatted(2)), objectClass.getOID());
            assertNotNull(objectClass.getDescription(), objectClass.getNameOrOID());
            assertEquals(ObjectClassType.STRUCTURAL, objectClass.getObjectClassType(), objectClass.getNameOrOID());
            assertTrue(oids.add(objectClass.getOID()), "duplicate OID " + objectClass.getOID());
        }
    }

    @Test
    void mailRecipientDefinitionsAreOpenLdapMiscDefinitions() throws Exception {
        SchemaDefinitions ours = SchemaDefinitions.fromConfigLdif(DirectorySchema.MAIL_RECIPIENT_LDIF);
        SchemaDefinitions openLdapMisc;
        try (LDIFReader reader = new LDIFReader(OPENLDAP_MISC_LDIF.toFile())) {
            openLdapMisc = SchemaDefinitions.fromConfigEntry(reader.readEntry());
        }

        ours.attributeTypes().forEach((name, definition) ->
                assertEquals(openLdapMisc.attributeTypes().get(name), definition, name));
        ours.objectClasses().forEach((name, definition) ->
                assertEquals(openLdapMisc.objectClasses().get(name), definition, name));
        assertEquals(Set.of("inetLocalMailRecipient"), ours.objectClasses().keySet());
    }

    private static void assertSameDefinitions(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, definition) -> assertEquals(definition, actual.get(name), name));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaFilesTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
