package org.passerelle.content.attachment;

/** Why an attachment is refused: the rule, the file, and what the rule saw. */
public record AttachmentFinding(AttachmentRule rule, String fileName, String detail) {

    /** As the SMTP reply and the record say it: printable, short. */
    public String text() {
        String name = fileName == null ? "(no name)" : fileName.replaceAll("[^\\x20-\\x7e]", "?");
        if (name.length() > 80) {
            name = name.substring(0, 80) + "...";
        }
        return name + ": " + rule.text() + (detail == null ? "" : " (" + detail + ")");
    }
}
