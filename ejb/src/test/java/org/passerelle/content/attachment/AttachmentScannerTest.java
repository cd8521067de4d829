package org.passerelle.content.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;

import org.junit.jupiter.api.Test;
import org.passerelle.content.TestMessages;
import org.passerelle.spool.HeldContent;

/** The walk through real MIME: parts, forwarded messages, zip archives, and MIME that is broken. */
class AttachmentScannerTest {

    private static final byte[] PE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};

    private final AttachmentScanner scanner = new AttachmentScanner(new AttachmentRules(new HashSet<>(AttachmentRules.DEFAULT_BLOCKED), true));

    private String refusal(HeldContent message) {
        AttachmentReport report = scanner.scan(message);
        assertNull(report.unreadable(), report.toString());
        return report.finding() == null ? null : report.finding().text();
    }

    @Test
    void anExeAttachmentIsRefused() {
        assertEquals("setup.exe: blocked extension (.exe)",
                refusal(TestMessages.withAttachment("Tool", "setup.exe", "application/octet-stream", PE)));
    }

    @Test
    void aDoubleExtensionIsRefused() {
        assertEquals("invoice.pdf.exe: double extension (.pdf.exe)",
                refusal(TestMessages.withAttachment("Invoice", "invoice.pdf.exe", "application/octet-stream", PE)));
    }

    @Test
    void aLyingPdfIsRefusedByItsMagicBytes() {
        assertEquals("invoice.pdf: executable content declared as something else (application/pdf)",
                refusal(TestMessages.withAttachment("Invoice", "invoice.pdf", "application/pdf", PE)));
    }

    @Test
    void anExeInsideAZipIsRefused() {
        assertEquals("setup.exe in invoices.zip: blocked extension (.exe)",
                refusal(TestMessages.withAttachment("Invoices", "invoices.zip", "application/zip", TestMessages.zip("setup.exe", PE))));
    }

    @Test
    void anExeInAZipInAZipIsRefused() {
        byte[] inner = TestMessages.zip("setup.exe", PE);
        assertEquals("setup.exe in outer.zip/inner.zip: blocked extension (.exe)",
                refusal(TestMessages.withAttachment("Nested", "outer.zip", "application/zip", TestMessages.zip("inner.zip", inner))));
    }

    @Test
    void anExeInAForwardedMessageIsRefused() {
        HeldContent inner = TestMessages.withAttachment("Tool", "setup.exe", "application/octet-stream", PE);
        assertEquals("setup.exe in a forwarded message: blocked extension (.exe)", refusal(TestMessages.forwarded("Fwd: Tool", inner)));
    }

    @Test
    void anEncodedWordFileNameIsDecodedFirst() {
        assertEquals("facture.exe: blocked extension (.exe)",
                refusal(TestMessages.withAttachment("Facture", "=?UTF-8?B?ZmFjdHVyZS5leGU=?=", "application/octet-stream", PE)));
    }

    @Test
    void anEncryptedZipIsRefusedWhenConfigured() {
        AttachmentReport report = scanner.scan(TestMessages.withAttachment("Secret", "secret.zip", "application/zip", encryptedZip()));
        assertEquals(AttachmentRule.ENCRYPTED_ARCHIVE, report.finding().rule(), report.toString());
    }

    @Test
    void honestAttachmentsAndPlainTextPass() {
        AttachmentReport report = scanner.scan(TestMessages.withAttachment("Report", "report.pdf", "application/pdf",
                "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertNull(report.finding());
        assertEquals(java.util.List.of("report.pdf"), report.files());
        assertNull(scanner.scan(TestMessages.plain("Hi", "MZ is how this text starts")).finding(), "the message's own text is no file");
    }

    @Test
    void brokenMimeIsReadAsFarAsItGoesAndNeverThrows() {
        HeldContent broken = new HeldContent(("Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"a.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "!!!not base64!!!\r\n").getBytes(StandardCharsets.US_ASCII));
        AttachmentReport report = scanner.scan(broken);
        assertNotNull(report.finding(), "the name alone is refused, even with a body that does not decode: " + report);
        assertTrue(report.finding().text().startsWith("a.exe"), report.toString());
    }

    /** A zip whose one entry has the "encrypted" flag (general purpose bit 0) set, as a password-protected one has. */
    private static byte[] encryptedZip() {
        byte[] zip = TestMessages.zip("secret.txt", "secret".getBytes(StandardCharsets.US_ASCII));
        zip[6] |= 1;
        // the central directory's copy of the flag too
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1;
                break;
            }
        }
        return zip;
    }
}
