package org.passerelle.content;

import java.util.List;

/**
 * What the checks add to an accepted message: header lines (without line ends) put at the top, and
 * a tag put before the subject ({@code null}: none).
 */
public record MessageRewrite(List<String> headers, String subjectTag) {

    public static final MessageRewrite NONE = new MessageRewrite(List.of(), null);

    public MessageRewrite {
        headers = List.copyOf(headers);
    }

    public boolean changes() {
        return !headers.isEmpty() || subjectTag != null;
    }
}
