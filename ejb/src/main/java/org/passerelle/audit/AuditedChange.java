package org.passerelle.audit;

/** What an administrative action changed on one target, as the audit log keeps it. */
public record AuditedChange(String target, String before, String after) {
}
