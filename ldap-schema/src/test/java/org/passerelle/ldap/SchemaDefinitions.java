package org.passerelle.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Attribute type and object class definitions keyed by name, with whitespace normalised. */
record SchemaDefinitions(Map<String, String> attributeTypes, Map<String, String> objectClasses) {

    private static final Pattern SCHEMA_KEYWORD =
            Pattern.compile("^(attributetype|objectclass)\\s+(.*)$", Pattern.CASE_INSENSITIVE);

    /** Reads OpenLDAP .schema text: keyword lines, continuation lines starting with white space. */
    static SchemaDefinitions fromSchemaFile(String text) throws LDAPException {
        List<String> statements = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !statements.isEmpty()) {
                int last = statements.size() - 1;
                statements.set(last, statements.get(last) + " " + line.strip());
            } else {
                statements.add(line.strip());
            }
        }
        List<String> attributeTypes = new ArrayList<>();
        List<String> objectClasses = new ArrayList<>();
        for (String statement : statements) {
            Matcher m = SCHEMA_KEYWORD.matcher(statement);
            if (!m.matches()) {
                throw new IllegalArgumentException("unexpected .schema statement: " + statement);
            }
            (m.group(1).equalsIgnoreCase("attributetype") ? attributeTypes : objectClasses).add(m.group(2));
        }
        return of(attributeTypes, objectClasses);
    }

    /** Reads the olcAttributeTypes and olcObjectClasses of a cn=config schema LDIF resource. */
    static SchemaDefinitions fromConfigLdif(String resource) throws LDAPException {
        return fromConfigEntry(DirectorySchema.readSingleEntry(resource));
    }

    static SchemaDefinitions fromConfigEntry(Entry entry) throws LDAPException {
        return of(DirectorySchema.definitions(entry, "olcAttributeTypes"),
                DirectorySchema.definitions(entry, "olcObjectClasses"));
    }

    static SchemaDefinitions of(List<String> attributeTypes, List<String> objectClasses)
            throws LDAPException {
        Map<String, String> types = new LinkedHashMap<>();
        for (String definition : attributeTypes) {
            String name = new AttributeTypeDefinition(definition).getNameOrOID();
            putOnce(types, name, normalise(definition));
        }
        Map<String, String> classes = new LinkedHashMap<>();
        for (String definition : objectClasses) {
            String name = new ObjectClassDefinition(definition).getNameOrOID();
            putOnce(classes, name, normalise(definition));
        }
        return new SchemaDefinitions(types, classes);
    }

    /** Collapses white space, since the two file formats fold lines differently. */
    static String normalise(String definition) {
        return definition.strip().replaceAll("\\s+", " ");
    }

    private static void putOnce(Map<String, String> definitions, String name, String definition) {
        if (definitions.put(name, definition) != null) {
            throw new IllegalArgumentException(name + " is defined twice");
        }
    }
}
