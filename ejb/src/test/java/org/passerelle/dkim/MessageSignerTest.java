package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.passerelle.spool.HeldContent;

/**
 * Signatures checked by jDKIM's own verifier, against the key's TXT record as {@link DkimTxtRecord}
 * writes it (the end-to-end test checks them with a second implementation, dkimpy, through DNS).
 */
class MessageSignerTest {

    private static final String MESSAGE = "From: Billing <billing@managed.test>\r\nTo: dave@example.org\r\n"
            + "Subject:  Invoice   42\r\nDate: Sun, 6 Dec 2026 20:00:00 +0000\r\nMessage-ID: <42@managed.test>\r\n\r\n"
            + "Dear Dave,\r\n\r\nyour invoice.  \r\n\r\n\r\n";

    private static KeyPair pair;
    private static SigningKey key;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        key = SigningKey.parse("managed.test", "psl202612", pair.getPrivate().getEncoded());
    }

    private static String signed(String message) throws Exception {
        HeldContent content = new HeldContent(message.getBytes(StandardCharsets.US_ASCII));
        HeaderFields fields = HeaderFields.of(content).orElseThrow();
        return MessageSigner.sign(content, fields, key, Instant.now()) + "\r\n" + message;
    }

    private static List<SignatureRecord> verify(String message) throws Exception {
        DkimTxtRecord record = DkimTxtRecord.of("managed.test", "psl202612", pair.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertEquals("psl202612", selector.toString());
            assertEquals("managed.test", domain.toString());
            return List.of(String.join("", record.strings()));
        });
        return verifier.verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aSignedMessageVerifiesAndNamesItsDomainSelectorAndCanonicalization() throws Exception {
        String signed = signed(MESSAGE);
        String field = signed.substring(0, signed.indexOf("\r\nFrom: "));
        for (String tag : List.of("v=1;", "a=rsa-sha256;", "c=relaxed/relaxed;", "d=managed.test;", "s=psl202612;",
                "h=from:from:subject:date:to:message-id;")) {
            assertTrue(field.contains("\r\n\t" + tag) || field.startsWith("DKIM-Signature: " + tag), tag + " in " + field);
        }
        assertTrue(field.lines().allMatch(line -> line.length() <= 78), "folded: " + field);
        List<SignatureRecord> verified = verify(signed);
        assertEquals(1, verified.size());
        assertEquals("managed.test", verified.get(0).getDToken().toString());
    }

    @Test
    void relaxedCanonicalizationSurvivesRefoldingAndTrailingSpace() throws Exception {
        String signed = signed(MESSAGE);
        String refolded = signed.replace("Subject:  Invoice   42", "Subject: Invoice\r\n 42").replace("invoice.  \r\n", "invoice.\r\n");
        assertEquals(1, verify(refolded).size());
    }

    @Test
    void aChangedBodyBreaksTheSignature() throws Exception {
        String signed = signed(MESSAGE);
        assertThrows(PermFailException.class, () -> verify(signed.replace("your invoice", "your new invoice")));
    }

    @Test
    void aSecondFromAddedOnTheWayBreaksIt() throws Exception {
        String signed = signed(MESSAGE);
        String added = signed.replace("From: Billing", "From: ceo@managed.test\r\nFrom: Billing");
        assertThrows(PermFailException.class, () -> verify(added));
    }

    @Test
    void fieldsAreSignedAsOftenAsTheyOccurAndFromOnceMore() {
        HeaderFields fields = HeaderFields.parse("Received: x\r\nTo: a@b\r\nTo: c@d\r\nFrom: e@f\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .orElseThrow();
        assertEquals(List.of("from", "from", "to", "to"), MessageSigner.signedFields(fields));
    }
}
