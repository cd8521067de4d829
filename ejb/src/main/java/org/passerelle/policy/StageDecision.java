package org.passerelle.policy;

/**
 * One stage's decision in a policy explanation.
 *
 * @param recipient the recipient the RCPT stage was about, {@code null} for the other stages
 */
public record StageDecision(String stage, String recipient, PolicyDecision decision) {
}
