package org.passerelle.health;

/**
 * Something Passerelle needs to serve mail, asked by {@code /api/health/ready}. An implementation
 * that is a CDI bean ({@code @ApplicationScoped}) anywhere in the EAR is found and asked: adding a
 * check (a content scanner, a new store) is that one class. A check answers within a few seconds,
 * and tells whether the thing answers, not why in detail: its text is shown without a login.
 */
public interface ReadinessCheck {

    CheckResult check();
}
