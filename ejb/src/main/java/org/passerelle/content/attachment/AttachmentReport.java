package org.passerelle.content.attachment;

import java.util.List;

/**
 * What the walk through a message found: the files it looked at (names as found, for the record),
 * the first refusal ({@code null}: none), and whether its MIME could not be read (then only clamd's
 * scan of the raw bytes stands).
 */
public record AttachmentReport(List<String> files, AttachmentFinding finding, String unreadable) {

    public AttachmentReport {
        files = List.copyOf(files);
    }
}
