package org.passerelle.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.exceptions.PermFailException;

import org.passerelle.smtp.MessageContent;

/**
 * Writes the {@code DKIM-Signature:} field of a message with Apache jDKIM: rsa-sha256,
 * relaxed/relaxed canonicalization (survives the re-folding and whitespace changes of relays),
 * the fields of {@link #SIGNED} that the message has, each as many times as it occurs, and
 * {@code From:} once more than it occurs (oversigned: a {@code From:} added on the way breaks the
 * signature instead of being shown to the reader). The body is streamed into the hash, never copied.
 */
public final class MessageSigner {

    /** The fields signed when present, the ones a reader sees or that say what the body is. */
    static final List<String> SIGNED = List.of("from", "reply-to", "sender", "subject", "date", "to", "cc", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding", "list-unsubscribe");

    private MessageSigner() {
    }

    /** The field, folded, without its final CRLF. */
    public static String sign(MessageContent content, HeaderFields fields, SigningKey key, Instant now) throws IOException {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
                + "; t=" + now.getEpochSecond() + "; h=" + String.join(":", signedFields(fields)) + "; bh=; b=;";
        DKIMSigner signer = new DKIMSigner(template, key.privateKey());
        try {
            BodyHasher hasher = signer.newBodyHasher(signer.newSignatureRecordTemplate(template));
            try (InputStream in = content.openStream(); OutputStream body = hasher.getOutputStream()) {
                in.skipNBytes(fields.bodyOffset());
                in.transferTo(body);
            }
            return folded(signer.sign(fields, hasher));
        } catch (PermFailException e) {
            throw new IllegalStateException("signing with " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The {@code h=} list: each signed field as often as the message has it, From: once more. */
    static List<String> signedFields(HeaderFields fields) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            int count = fields.count(name);
            for (int i = 0; i < count; i++) {
                names.add(name);
            }
            if (name.equals("from")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Folded between tags and inside {@code b=} (RFC 6376 §3.5 allows folding whitespace there):
     * relaxed canonicalization makes each fold one space again, which is what jDKIM hashed.
     */
    static String folded(String field) {
        int b = field.indexOf(" b=");
        int end = field.indexOf(';', b);
        String value = field.substring(b + 3, end);
        StringBuilder folded = new StringBuilder(field.substring(0, b + 3).replace("; ", ";\r\n\t"));
        for (int i = 0; i < value.length(); i += 64) {
            folded.append(i == 0 ? "" : "\r\n\t ").append(value, i, Math.min(value.length(), i + 64));
        }
        return folded.append(field.substring(end).replace("; ", ";\r\n\t")).toString();
    }
}
