package org.passerelle.smtp.server;

/** Where a session's replies go, in order. */
@FunctionalInterface
interface ReplyWriter {

    void write(Reply reply);
}
