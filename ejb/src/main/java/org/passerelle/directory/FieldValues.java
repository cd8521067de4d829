package org.passerelle.directory;

import java.util.function.BiPredicate;

import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

/** Checks one value a client gave for a field, and returns it as the directory keeps it. */
final class FieldValues {

    private FieldValues() {
    }

    /**
     * @param exists whether an entry of that name exists under {@code ou=unit}
     * @throws DirectoryRecordRefused naming the field when the value is not acceptable
     */
    static String check(EntryField field, String value, BiPredicate<String, String> exists) {
        EntryField.Type type = field.type();
        String text = type.normalised(value);
        if (text.isEmpty()) {
            throw DirectoryRecordRefused.invalid(field.name(), field.name() + " must not be empty");
        }
        try {
            switch (type.kind()) {
                case "network" -> NetworkRange.parse(text);
                case "address" -> NetworkRange.address(text);
                case "next-hop" -> NextHop.parse(text);
                case "domain-pattern" -> new DomainPattern(text);
                case "recipient" -> GreylistAllowEntry.checkRecipient(text.toLowerCase(java.util.Locale.ROOT));
                case "tls-policy" -> TlsPolicy.parse(text);
                case "date" -> {
                    try {
                        java.time.LocalDate.parse(text);
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("must be a day written yyyy-MM-dd", e);
                    }
                }
                case "integer" -> {
                    if (Long.parseLong(text) < 0) {
                        throw new IllegalArgumentException("must not be negative");
                    }
                }
                case "choice" -> {
                    if (!type.choices().contains(text)) {
                        throw new IllegalArgumentException("must be one of " + String.join(", ", type.choices()));
                    }
                }
                case "reference" -> {
                    if (!exists.test(type.referencedUnit(), text)) {
                        throw new IllegalArgumentException("no such entry under ou=" + type.referencedUnit());
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            throw DirectoryRecordRefused.invalid(field.name(), field.name() + " " + text + ": " + e.getMessage());
        }
        return text;
    }
}
