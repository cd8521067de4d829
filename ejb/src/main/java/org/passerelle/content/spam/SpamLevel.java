package org.passerelle.content.spam;

/** The value of the status header ({@code X-status}) the operators' filters read; {@code NONE} writes none. */
public enum SpamLevel {
    NONE, LOW, MEDIUM, HIGH
}
