package org.passerelle.it.container;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ResourceException;

import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MailSubmission;
import org.passerelle.smtp.MailSubmissionFactory;

/**
 * The sample application of docs/sending-from-inside.md: a bean of another deployment on the
 * server that sends its mail through Passerelle without SMTP.
 */
@Stateless
public class SampleMailer {

    @Resource(lookup = "java:/smtp/MailSubmission")
    private MailSubmissionFactory mail;

    /** @return the queue id Passerelle gave the message */
    public String send(String from, String to, String subject, String text) throws MailRefusedException, ResourceException {
        String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + text + "\r\n";
        try (MailSubmission connection = mail.getConnection()) {
            return connection.submit(from, List.of(to), message.getBytes(StandardCharsets.UTF_8));
        }
    }
}
