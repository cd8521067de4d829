package org.passerelle.directory;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.util.GeneralizedTime;

/** Reads attribute values of a directory entry as Java values. */
final class EntryValues {

    private EntryValues() {
    }

    static List<String> all(Entry entry, String attribute) {
        Attribute found = entry.get(attribute);
        List<String> texts = new ArrayList<>();
        if (found != null) {
            for (Value value : found) {
                texts.add(value.getString());
            }
        }
        return texts;
    }

    /** The first value, or {@code null} when the entry has none. */
    static String first(Entry entry, String attribute) {
        List<String> all = all(entry, attribute);
        return all.isEmpty() ? null : all.get(0);
    }

    static Integer integer(Entry entry, String attribute) {
        String text = first(entry, attribute);
        return text == null ? null : Integer.valueOf(text.trim());
    }

    /** A GeneralizedTime value ({@code 20250115093000Z}), or {@code null} for none. */
    static Instant time(String text) {
        try {
            return text == null ? null : new GeneralizedTime(text).getDate().toInstant();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a time: " + text, e);
        }
    }

    /** The value of the first RDN of a DN held in an attribute, e.g. {@code gw-paris} of {@code cn=gw-paris,ou=gateways,...}. */
    static List<String> rdnValues(Entry entry, String attribute) {
        return all(entry, attribute).stream().map(EntryValues::rdnValue).toList();
    }

    static String rdnValue(String dn) {
        try {
            return new Dn(dn).getRdn().getValue();
        } catch (LdapInvalidDnException e) {
            throw new IllegalArgumentException("not a DN: " + dn, e);
        }
    }
}
