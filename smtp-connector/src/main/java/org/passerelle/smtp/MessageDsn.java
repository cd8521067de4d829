package org.passerelle.smtp;

/**
 * What the client asked of delivery status notifications for the whole message, with the
 * {@code RET} and {@code ENVID} parameters of MAIL (RFC 3461 §4.3, §4.4).
 *
 * @param ret        how much of the message a notice returns; {@code null} when not asked (the
 *                   reporting MTA then chooses)
 * @param envelopeId the envelope identifier, xtext-decoded; {@code null} when not given
 */
public record MessageDsn(Ret ret, String envelopeId) {

    /** No DSN parameter on MAIL. */
    public static final MessageDsn NONE = new MessageDsn(null, null);

    /** RFC 3461 §4.3. */
    public enum Ret {
        /** The whole message. */
        FULL,
        /** Its headers only. */
        HDRS
    }
}
