package org.passerelle.api;

/** A query parameter or header that does not make sense, and which one: a 400 problem naming it. */
class InvalidParameter extends RuntimeException {

    private final String field;

    InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
