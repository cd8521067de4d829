package org.passerelle.smtp;

import java.util.List;

import jakarta.resource.ResourceException;

/** One connection of a {@link MailSubmissionFactory}; close it when done (try-with-resources). */
public interface MailSubmission extends AutoCloseable {

    /**
     * Queues a message, answered as an SMTP client would be at each stage.
     *
     * @param sender the envelope sender, an allowed sender of the connection's application; empty for the null sender
     * @param recipients the envelope recipients
     * @param message the message as RFC 5322 text (headers, blank line, body); bare LF line ends are made CRLF
     * @return the queue id Passerelle gave the message, once it is durable
     * @throws MailRefusedException carrying the reply of the stage that refused it (e.g. {@code 550 5.7.1} at MAIL)
     */
    String submit(String sender, List<String> recipients, byte[] message) throws MailRefusedException;

    @Override
    void close() throws ResourceException;
}
