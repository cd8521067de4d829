package org.passerelle.content.attachment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which attachments are refused, in this order: a name with a right-to-left override or other
 * bidirectional control character (it shows {@code invoice‮fdp.exe} as {@code invoiceexe.pdf}); a
 * blocked extension hidden behind another ({@code invoice.pdf.exe}); a blocked extension; content
 * whose magic bytes contradict what is declared (an executable declared {@code application/pdf} or
 * named {@code .pdf}, a "PDF" that is not one); an encrypted archive, when so configured (its
 * content cannot be scanned).
 */
public final class AttachmentRules {

    /** Executable and script types that mail clients run on a double click. */
    public static final List<String> DEFAULT_BLOCKED = List.of("exe", "com", "scr", "pif", "bat", "cmd", "cpl", "msi", "msp",
            "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "jar", "ps1", "reg", "lnk", "dll", "sys", "application", "gadget",
            "msc", "scf", "inf", "iso", "img", "vhd", "vhdx");
    private static final Pattern BIDI_CONTROL = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");
    /** Names that promise a document; an executable behind one of them is a lie. */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods",
            "txt", "rtf", "csv", "jpg", "jpeg", "png", "gif", "zip", "html", "htm", "xml");

    private final Set<String> blocked;
    private final boolean refuseEncryptedArchives;

    /** @param blocked the extensions refused, lower case, without the dot */
    public AttachmentRules(Set<String> blocked, boolean refuseEncryptedArchives) {
        this.blocked = Set.copyOf(blocked);
        this.refuseEncryptedArchives = refuseEncryptedArchives;
    }

    public Optional<AttachmentFinding> judge(Attachment attachment) {
        String name = attachment.fileName();
        if (name != null) {
            if (BIDI_CONTROL.matcher(name).find()) {
                return finding(AttachmentRule.BIDI_CONTROL, attachment, null);
            }
            String[] parts = name.trim().toLowerCase(Locale.ROOT).replaceAll("[.\\s]+$", "").split("\\.");
            String last = parts.length > 1 ? parts[parts.length - 1] : "";
            if (blocked.contains(last)) {
                return parts.length > 2 && DOCUMENT_EXTENSIONS.contains(parts[parts.length - 2])
                        ? finding(AttachmentRule.DOUBLE_EXTENSION, attachment, "." + parts[parts.length - 2] + "." + last)
                        : finding(AttachmentRule.BLOCKED_EXTENSION, attachment, "." + last);
            }
        }
        ContentKind actual = ContentKind.of(attachment.head());
        ContentKind promised = ContentKind.promisedBy(attachment.declaredType());
        if (actual == ContentKind.EXECUTABLE && (promised != ContentKind.OTHER || namedAsDocument(name))) {
            return finding(AttachmentRule.EXECUTABLE_IN_DISGUISE, attachment,
                    attachment.declaredType() != null && promised != ContentKind.OTHER ? attachment.declaredType() : "named as a document");
        }
        // images are often mislabelled among themselves; a PDF or an archive that is not one is a lie
        if ((promised == ContentKind.PDF || promised == ContentKind.ZIP) && actual != promised && attachment.head().length > 0) {
            return finding(AttachmentRule.TYPE_MISMATCH, attachment,
                    attachment.declaredType() + " but " + actual.name().toLowerCase(Locale.ROOT) + " content");
        }
        return Optional.empty();
    }

    /** An archive entry that cannot be read without its password. */
    public Optional<AttachmentFinding> encrypted(String archive, String entry) {
        return refuseEncryptedArchives
                ? Optional.of(new AttachmentFinding(AttachmentRule.ENCRYPTED_ARCHIVE, archive, "its entry " + entry + " cannot be scanned"))
                : Optional.empty();
    }

    private static boolean namedAsDocument(String name) {
        if (name == null || name.lastIndexOf('.') < 0) {
            return false;
        }
        return DOCUMENT_EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).trim());
    }

    private static Optional<AttachmentFinding> finding(AttachmentRule rule, Attachment attachment, String detail) {
        String where = "message".equals(attachment.where()) ? "" : " in " + attachment.where();
        return Optional.of(new AttachmentFinding(rule, attachment.fileName() + where, detail));
    }
}
