package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

/** The report's mail read back with Angus Mail, as a mail client would. */
class ReportMailTest {

    @Test
    void theMailHasTheApplicationsFiguresAndThePdfAttached() throws Exception {
        MonthlyReport report = ReportSamples.november().restrictedTo(Set.of("hr-payroll"));
        byte[] mail = ReportMail.write(report, "hr-payroll", "bob", MailAddress.parse("central@managed.test"),
                List.of(MailAddress.parse("alice@managed.test"), MailAddress.parse("bob@managed.test")),
                Instant.parse("2026-12-02T08:00:00Z"), "gw.example.test");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
        assertEquals("Passerelle monthly report 2026-11: hr-payroll", message.getSubject());
        assertEquals(2, message.getAllRecipients().length);
        assertEquals("auto-generated", message.getHeader("Auto-Submitted")[0]);
        Multipart parts = (Multipart) message.getContent();
        assertEquals(2, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("Messages in 2026-11: 4410"), text);
        assertTrue(text.contains("at the request of bob"), text);
        Part pdf = parts.getBodyPart(1);
        assertTrue(pdf.isMimeType("application/pdf"));
        assertEquals(Part.ATTACHMENT, pdf.getDisposition());
        assertEquals("passerelle-report-2026-11-all.pdf", pdf.getFileName());
        try (InputStream in = pdf.getInputStream(); PDDocument document = Loader.loadPDF(in.readAllBytes())) {
            String pages = new PDFTextStripper().getText(document);
            assertTrue(pages.contains("hr-payroll"), pages);
            assertFalse(Arrays.stream(new String[]{"billing", "crm-notifications"}).anyMatch(pages::contains), "only hr-payroll:\n" + pages);
        }
    }
}
