package org.passerelle.api;

import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.passerelle.refusal.Refusal;

/**
 * Reads a JSON body into a form, a record of strings, integers and lists of strings, strictly: a
 * member the form does not have, or a value of the wrong JSON type, is a 400 naming it, so that a
 * misspelt field is never silently dropped. Strings are at most {@value #TEXT_LIMIT} characters,
 * lists at most {@value #LIST_LIMIT} values: longer input is refused before it reaches the database.
 */
final class Forms {

    static final int TEXT_LIMIT = 4000;
    static final int LIST_LIMIT = 1000;

    private Forms() {
    }

    /** @param body the request's body: a JSON object, or nothing at all (an empty form) */
    static <F extends Record> F read(String body, Class<F> form) {
        RecordComponent[] components = form.getRecordComponents();
        JsonObject given = object(body);
        for (String member : given.keySet()) {
            if (Arrays.stream(components).noneMatch(c -> c.getName().equals(member))) {
                throw Refusal.invalid(member, "unknown field " + member);
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i], given.get(components[i].getName()));
        }
        try {
            Constructor<F> constructor = form.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("form " + form.getSimpleName() + " cannot be made", e);
        }
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonStructure json = reader.read();
            if (json instanceof JsonObject object) {
                return object;
            }
            throw Refusal.invalid("body", "the body is a JSON object");
        }
    }

    private static Object value(RecordComponent component, JsonValue value) {
        String name = component.getName();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Class<?> type = component.getType();
        if (type == String.class && value instanceof JsonString text) {
            return limited(name, text.getString());
        }
        if (type == Integer.class && value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw Refusal.invalid(name, name + " is too large");
            }
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class && value instanceof JsonArray array) {
            if (array.size() > LIST_LIMIT) {
                throw Refusal.invalid(name, name + " has at most " + LIST_LIMIT + " values");
            }
            List<String> texts = new ArrayList<>();
            for (JsonValue item : array) {
                if (!(item instanceof JsonString text)) {
                    throw Refusal.invalid(name, name + " is an array of strings");
                }
                texts.add(limited(name, text.getString()));
            }
            return texts;
        }
        throw Refusal.invalid(name, name + " must be " + (type == List.class ? "an array of strings"
                : type == Integer.class ? "an integer" : "a string"));
    }

    private static String limited(String name, String text) {
        if (text.length() > TEXT_LIMIT) {
            throw Refusal.invalid(name, name + " has at most " + TEXT_LIMIT + " characters");
        }
        return text;
    }
}
