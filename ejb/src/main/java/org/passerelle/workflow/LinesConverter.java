package org.passerelle.workflow;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A list of directory values as one column, a value a line; {@code null} (nothing asked) stays {@code null}. */
@Converter
public class LinesConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        return values == null ? null : String.join("\n", values);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null ? null : column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }
}
