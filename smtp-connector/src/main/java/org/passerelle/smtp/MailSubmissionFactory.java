package org.passerelle.smtp;

import java.io.Serializable;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

/**
 * The connection factory through which deployments on the same server hand mail to Passerelle
 * without SMTP: each connection definition submits as one sender application (its
 * {@code application} property), and its messages go through the same policy, spool, tracking and
 * delivery as the mail of that application's SMTP clients.
 */
public interface MailSubmissionFactory extends Serializable, Referenceable {

    MailSubmission getConnection() throws ResourceException;
}
