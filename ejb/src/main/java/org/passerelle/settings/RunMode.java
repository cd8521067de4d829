package org.passerelle.settings;

import java.util.Locale;

/**
 * Whether this server is the {@code ./passerelle run} demonstration or a deployment. The run
 * command says so explicitly ({@code PSL_RUN_MODE=demo}); nothing is guessed from other settings,
 * so a deployment that happens to use H2 or the sample directory is still held to its standards.
 */
public enum RunMode {

    /** {@code ./passerelle run}: embedded directory and database, sample data and passwords. */
    DEMO,

    /** Anything else: a deployment, whose defaults must be replaced before it faces a network. */
    DEPLOYMENT;

    /**
     * The mode {@code PSL_RUN_MODE} names: {@code demo}, or empty for a deployment.
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public static RunMode of(String value) {
        if (value == null || value.isBlank()) {
            return DEPLOYMENT;
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("demo")) {
            return DEMO;
        }
        throw new IllegalArgumentException("PSL_RUN_MODE is '" + value.trim() + "': it must be demo or empty");
    }
}
