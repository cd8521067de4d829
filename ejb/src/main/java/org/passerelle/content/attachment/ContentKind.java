package org.passerelle.content.attachment;

import java.util.Locale;

/**
 * What a file is by its first bytes (its magic number), whatever its name or declared type says:
 * the few kinds a lie is about.
 */
public enum ContentKind {
    EXECUTABLE, PDF, ZIP, PNG, JPEG, GIF, OTHER;

    public static ContentKind of(byte[] head) {
        if (startsWith(head, 'M', 'Z') || startsWith(head, 0x7f, 'E', 'L', 'F')
                || startsWith(head, 0xfe, 0xed, 0xfa, 0xce) || startsWith(head, 0xfe, 0xed, 0xfa, 0xcf)
                || startsWith(head, 0xce, 0xfa, 0xed, 0xfe) || startsWith(head, 0xcf, 0xfa, 0xed, 0xfe)) {
            return EXECUTABLE;
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            return PDF;
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return PNG;
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        return startsWith(head, 'G', 'I', 'F', '8') ? GIF : OTHER;
    }

    /** The kind a declared type promises, {@link #OTHER} when it promises none we can check. */
    public static ContentKind promisedBy(String declaredType) {
        if (declaredType == null) {
            return OTHER;
        }
        return switch (declaredType.toLowerCase(Locale.ROOT)) {
            case "application/pdf" -> PDF;
            case "application/zip", "application/x-zip-compressed" -> ZIP;
            case "image/png" -> PNG;
            case "image/jpeg", "image/jpg", "image/pjpeg" -> JPEG;
            case "image/gif" -> GIF;
            default -> OTHER;
        };
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
