package org.passerelle.incident;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The causes a diagnosis found, and so whether the network, the server or both are at fault.
 * Stored as the causes' labels, comma separated.
 */
public record Diagnosis(Set<Cause> causes) {

    public Diagnosis {
        if (causes.isEmpty()) {
            throw IncidentRefused.invalid("causes", "a diagnosis names at least one cause: " + labels(EnumSet.allOf(Cause.class)));
        }
        causes = Set.copyOf(causes);
    }

    /** The causes as the API and the console name them. */
    public static Diagnosis of(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            return new Diagnosis(Set.of());
        }
        Set<Cause> causes = EnumSet.noneOf(Cause.class);
        for (String label : labels) {
            try {
                causes.add(Cause.of(label));
            } catch (IllegalArgumentException e) {
                throw IncidentRefused.invalid("causes", "unknown cause " + label + ", one of " + labels(EnumSet.allOf(Cause.class)));
            }
        }
        return new Diagnosis(causes);
    }

    public static Optional<Diagnosis> stored(String column) {
        return column == null || column.isBlank() ? Optional.empty() : Optional.of(of(Arrays.asList(column.split(","))));
    }

    public String stored() {
        return labels(causes);
    }

    public Cause.Area area() {
        boolean network = causes.stream().anyMatch(cause -> cause.area() == Cause.Area.NETWORK);
        boolean server = causes.stream().anyMatch(cause -> cause.area() == Cause.Area.SERVER);
        return network && server ? Cause.Area.BOTH : network ? Cause.Area.NETWORK : Cause.Area.SERVER;
    }

    /** The causes in a fixed order, labelled. */
    public List<String> labels() {
        return causes.stream().sorted().map(Cause::label).toList();
    }

    private static String labels(Set<Cause> causes) {
        return causes.stream().sorted().map(Cause::label).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return area().label() + " (" + String.join(", ", labels()) + ")";
    }
}
