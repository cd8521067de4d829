package org.passerelle.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.passerelle.spool.HeldContent;

/** Messages the content checks' tests send: GTUBE, the EICAR test file in its usual disguises, and plain ones. */
public final class TestMessages {

    /** SpamAssassin's Generic Test for Unsolicited Bulk Email: scores 1000. */
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    /** The EICAR anti-virus test file: harmless, every scanner names it. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private TestMessages() {
    }

    /** Headers a real client writes, so that only the body makes the score. */
    public static String headers(String subject) {
        return "From: Alice <alice@sender.example>\r\nTo: bob@managed.test\r\nSubject: " + subject + "\r\n"
                + "Date: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <20261206100000.4711@sender.example>\r\n";
    }

    public static HeldContent plain(String subject, String body) {
        return content(headers(subject) + "\r\n" + body + "\r\n");
    }

    /** A text part and an attachment in base64. */
    public static HeldContent withAttachment(String subject, String fileName, String type, byte[] attachment) {
        return content(headers(subject) + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlease find the file attached.\r\n"
                + "--b1\r\nContent-Type: " + type + "; name=\"" + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n" + base64(attachment) + "\r\n--b1--\r\n");
    }

    /** A message forwarded as an attachment ({@code message/rfc822}), holding {@code inner}. */
    public static HeldContent forwarded(String subject, HeldContent inner) {
        return content(headers(subject) + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"f1\"\r\n\r\n"
                + "--f1\r\nContent-Type: text/plain\r\n\r\nForwarded below.\r\n"
                + "--f1\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"forwarded.eml\"\r\n\r\n"
                + new String(inner.content(), StandardCharsets.ISO_8859_1) + "\r\n--f1--\r\n");
    }

    public static byte[] zip(String entryName, byte[] entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(entry);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] eicar() {
        return EICAR.getBytes(StandardCharsets.US_ASCII);
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    private static HeldContent content(String text) {
        return new HeldContent(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
