package org.passerelle.content.attachment;

/**
 * One file a message carries, as the rules see it: its name (decoded; {@code null} when it has
 * none), the type its sender declared ({@code null} inside an archive), the first bytes of its
 * decoded content, and where it was found ({@code message}, {@code invoice.zip}).
 */
public record Attachment(String fileName, String declaredType, byte[] head, String where) {
}
