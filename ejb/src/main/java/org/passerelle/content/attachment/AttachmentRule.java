package org.passerelle.content.attachment;

/** The rules an attachment is refused by, each with the key its action is configured by ({@code PSL_ATTACHMENT_ACTION}). */
public enum AttachmentRule {
    BIDI_CONTROL("bidi-control", "right-to-left override in the name"),
    DOUBLE_EXTENSION("double-extension", "double extension"),
    BLOCKED_EXTENSION("blocked-extension", "blocked extension"),
    EXECUTABLE_IN_DISGUISE("type-mismatch", "executable content declared as something else"),
    TYPE_MISMATCH("type-mismatch", "content does not match its declared type"),
    ENCRYPTED_ARCHIVE("encrypted-archive", "encrypted archive");

    private final String key;
    private final String text;

    AttachmentRule(String key, String text) {
        this.key = key;
        this.text = text;
    }

    public String key() {
        return key;
    }

    public String text() {
        return text;
    }
}
