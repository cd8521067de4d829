package org.passerelle.api;

/**
 * The container roles, from the groups under {@code ou=groups} (security.cli). Managers and owners
 * are not among them: that depends on the application, and the security list answers it.
 */
final class Roles {

    static final String CENTRAL = "central";
    static final String OPERATIONS = "operations";
    static final String AUDITOR = "auditor";

    private Roles() {
    }
}
