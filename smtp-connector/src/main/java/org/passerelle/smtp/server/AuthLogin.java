package org.passerelle.smtp.server;

import org.passerelle.smtp.Credentials;

/**
 * SASL LOGIN (draft-murchison-sasl-login): the user name, then the password, each asked for in
 * turn. An initial response, when sent, is the user name.
 */
final class AuthLogin implements Sasl {

    private static final Challenge USER_NAME = new Challenge("VXNlcm5hbWU6");
    private static final Challenge PASSWORD = new Challenge("UGFzc3dvcmQ6");

    private String userName;

    @Override
    public Step respond(byte[] response) {
        if (response == null) {
            return USER_NAME;
        }
        if (userName == null) {
            userName = Sasl.utf8(response);
            return userName.isEmpty() ? new Malformed() : PASSWORD;
        }
        return new Done(new Credentials("", userName, Sasl.utf8(response)));
    }
}
