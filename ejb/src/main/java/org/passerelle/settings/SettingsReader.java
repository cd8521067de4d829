package org.passerelle.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads a feature's settings one by one from the server's properties, collecting every problem in
 * the operator's terms (the environment variable and what it must be) rather than stopping at the
 * first, so that one start says all that is wrong. A feature's own reader adds its kinds of value.
 */
public class SettingsReader {

    private final Function<String, String> property;
    private final UnaryOperator<String> variable;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param property the property's value by the name the feature uses, {@code null} when not defined
     * @param variable the environment variable an operator sets for that name
     */
    public SettingsReader(Function<String, String> property, UnaryOperator<String> variable) {
        this.property = property;
        this.variable = variable;
    }

    /** The problems found so far; a feature's reader adds those only it can see. */
    public List<String> problems() {
        return problems;
    }

    public String variable(String name) {
        return variable.apply(name);
    }

    /** The value, trimmed; {@code null} (and a problem) when the property is not defined. */
    public String value(String name) {
        String value = property.apply(name);
        if (value == null) {
            problems.add(variable(name) + " is not configured (see wildfly-config)");
        }
        return value == null ? null : value.trim();
    }

    public boolean flag(String name) {
        String value = value(name);
        if (value != null && !value.equals("true") && !value.equals("false")) {
            problems.add(variable(name) + "=" + value + ": must be true or false");
        }
        return "true".equals(value);
    }

    /** A whole number within the bounds; the lower bound when it is not. */
    public long number(String name, long min, long max) {
        String value = value(name);
        if (value == null) {
            return min;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, as any other value out of range
        }
        problems.add(variable(name) + "=" + value + ": must be a whole number from " + min + " to " + max);
        return min;
    }
}
