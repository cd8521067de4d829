package org.passerelle.content.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AttachmentRulesTest {

    private static final byte[] PE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    private static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

    private final AttachmentRules rules = new AttachmentRules(new HashSet<>(AttachmentRules.DEFAULT_BLOCKED), false);

    private Optional<String> rule(String name, String type, byte[] head) {
        return rules.judge(new Attachment(name, type, head, "message")).map(f -> f.rule().text());
    }

    @Test
    void anExecutableExtensionIsBlockedWhateverItsCase() {
        assertEquals(Optional.of("blocked extension"), rule("setup.EXE", "application/octet-stream", PE));
        assertEquals(Optional.of("blocked extension"), rule("run.js ", "text/javascript", "alert(1)".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aDocumentExtensionHidingAnExecutableOneIsADoubleExtension() {
        AttachmentFinding finding = rules.judge(new Attachment("invoice.pdf.exe", "application/octet-stream", PE, "message")).orElseThrow();
        assertEquals(AttachmentRule.DOUBLE_EXTENSION, finding.rule());
        assertEquals("invoice.pdf.exe: double extension (.pdf.exe)", finding.text());
    }

    @Test
    void aRightToLeftOverrideInTheNameIsRefused() {
        // shown as "invoiceexe.pdf" by a mail client
        assertEquals(Optional.of("right-to-left override in the name"), rule("invoice\u202Efdp.exe", "application/pdf", PDF));
    }

    @Test
    void anExecutableDeclaredAsAPdfIsALie() {
        assertEquals(Optional.of("executable content declared as something else"), rule("report.pdf", "application/pdf", PE));
        assertEquals(Optional.of("executable content declared as something else"), rule("report.pdf", null, PE),
                "inside an archive, the name is the declaration");
    }

    @Test
    void aPdfThatIsNotOneIsALie() {
        assertEquals(Optional.of("content does not match its declared type"),
                rule("report.pdf", "application/pdf", "<html><script>".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void honestFilesPass() {
        assertEquals(Optional.empty(), rule("report.pdf", "application/pdf", PDF));
        assertEquals(Optional.empty(), rule("photo.jpg", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}), "images mislabelled among themselves");
        assertEquals(Optional.empty(), rule("tool.bin", "application/octet-stream", PE), "an executable that says so, with no blocked name");
        assertEquals(Optional.empty(), rule("notes.txt.gz", "application/gzip", new byte[] {0x1f, (byte) 0x8b}));
    }

    @Test
    void encryptedArchivesAsConfigured() {
        assertTrue(rules.encrypted("secret.zip", "a.txt").isEmpty());
        assertEquals(AttachmentRule.ENCRYPTED_ARCHIVE, new AttachmentRules(java.util.Set.of("exe"), true).encrypted("secret.zip", "a.txt").orElseThrow().rule());
    }
}
