package org.passerelle.smtp;

/**
 * A message Passerelle did not queue, with the reply an SMTP client would have had: the stage that
 * refused it, the code ({@code 4xx}: try again later; {@code 5xx}: do not), the enhanced status
 * (RFC 3463) and the text.
 */
public class MailRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SmtpStage stage;
    private final int code;
    private final String status;
    private final String text;

    public MailRefusedException(SmtpStage stage, int code, String status, String text) {
        super(stage.name() + ": " + code + (status == null ? "" : " " + status) + " " + text);
        this.stage = stage;
        this.code = code;
        this.status = status;
        this.text = text;
    }

    public SmtpStage stage() {
        return stage;
    }

    public int code() {
        return code;
    }

    public String status() {
        return status;
    }

    public String text() {
        return text;
    }

    /** Whether trying again later may succeed ({@code 4xx}). */
    public boolean temporary() {
        return code < 500;
    }
}
