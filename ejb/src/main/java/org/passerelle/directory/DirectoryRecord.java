package org.passerelle.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * A directory entry as the admin API shows it: its name and the values of each field of its kind
 * (references by name, not DN). Its {@link #version()} changes whenever any value does: the API's
 * ETag.
 */
public record DirectoryRecord(EntryKind kind, String name, Map<String, List<String>> values) {

    public DirectoryRecord {
        Map<String, List<String>> complete = new LinkedHashMap<>();
        for (EntryField field : kind.fields()) {
            complete.put(field.name(), List.copyOf(values.getOrDefault(field.name(), List.of())));
        }
        values = Collections.unmodifiableMap(complete);
    }

    /** The record of a directory entry: the one mapping of its attributes, for reads and writes alike. */
    static DirectoryRecord of(EntryKind kind, Entry entry) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (EntryField field : kind.fields()) {
            values.put(field.name(), field.type().isReference()
                    ? EntryValues.rdnValues(entry, field.attribute())
                    : EntryValues.all(entry, field.attribute()));
        }
        return new DirectoryRecord(kind, EntryValues.first(entry, kind.namingAttribute()), values);
    }

    public List<String> values(String field) {
        return values.getOrDefault(field, List.of());
    }

    /** The first value of a field, or {@code null} when it has none. */
    public String first(String field) {
        List<String> found = values(field);
        return found.isEmpty() ? null : found.get(0);
    }

    public String version() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every filter (field name → value, {@code name} for the name) matches one value, ignoring case. */
    public boolean matches(Map<String, String> filters) {
        return filters.entrySet().stream().allMatch(filter -> {
            List<String> candidates = filter.getKey().equals("name") ? List.of(name) : values(filter.getKey());
            String wanted = filter.getValue().toLowerCase(Locale.ROOT);
            return candidates.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).equals(wanted));
        });
    }

    /** Single fields as a string or number ({@code null} when absent), multiple fields as arrays. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("name", name);
        for (EntryField field : kind.fields()) {
            List<String> found = values(field.name());
            if (field.multiple()) {
                json.add(field.name(), Json.createArrayBuilder(found));
            } else if (found.isEmpty()) {
                json.addNull(field.name());
            } else if (field.type() == EntryField.Type.INTEGER) {
                json.add(field.name(), Long.parseLong(found.get(0)));
            } else {
                json.add(field.name(), found.get(0));
            }
        }
        return json.build();
    }

    /**
     * The record a client sent. Fields the API only shows are ignored, so that what a read returned
     * can be sent back changed; an unknown field, or a value of the wrong JSON type, is refused.
     */
    public static DirectoryRecord fromJson(EntryKind kind, String name, JsonObject json) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            if (member.getKey().equals("name")) {
                continue;
            }
            EntryField field = kind.field(member.getKey()).orElseThrow(() ->
                    DirectoryRecordRefused.invalid(member.getKey(), "a " + kind.singular() + " has no field " + member.getKey()));
            if (field.writable()) {
                values.put(field.name(), texts(field, member.getValue()));
            }
        }
        return new DirectoryRecord(kind, name, values);
    }

    private static List<String> texts(EntryField field, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (field.multiple() && value instanceof JsonArray array) {
            return array.stream().map(item -> text(field, item)).toList();
        }
        if (field.multiple()) {
            throw DirectoryRecordRefused.invalid(field.name(), "must be an array");
        }
        return List.of(text(field, value));
    }

    private static String text(EntryField field, JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.bigIntegerValue().toString();
        }
        throw DirectoryRecordRefused.invalid(field.name(), "must be a string" + (field.multiple() ? " array" : ""));
    }
}
