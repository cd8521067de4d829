package org.passerelle.echo;

/**
 * Whether a message to the echo address is answered, and if not, why (logged, and kept as the
 * echo recipient's last reply on the message's page).
 */
public record EchoDecision(boolean answered, String reason) {

    static EchoDecision answer() {
        return new EchoDecision(true, "answered");
    }

    static EchoDecision notAnswered(String reason) {
        return new EchoDecision(false, reason);
    }
}
