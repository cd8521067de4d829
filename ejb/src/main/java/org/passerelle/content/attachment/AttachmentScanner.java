package org.passerelle.content.attachment;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

import org.passerelle.smtp.MessageContent;

/**
 * Walks a message's MIME parts as they stream by (mime4j; parts of forwarded {@code message/rfc822}
 * messages too) and the entries of zip archives (nested up to {@value #ZIP_DEPTH} deep), asking
 * {@link AttachmentRules} about each file; the first refusal ends the walk. Nothing is kept but the
 * first bytes of each file. MIME it cannot read is reported, never skipped silently.
 */
public final class AttachmentScanner {

    private static final int HEAD = 16;
    private static final int ZIP_DEPTH = 3;
    private static final int ZIP_ENTRIES = 1000;
    private static final int FILES_RECORDED = 20;

    private final AttachmentRules rules;

    public AttachmentScanner(AttachmentRules rules) {
        this.rules = rules;
    }

    public AttachmentReport scan(MessageContent content) {
        Walk walk = new Walk();
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();
        MimeStreamParser parser = new MimeStreamParser(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        parser.setRecurse();
        parser.setContentHandler(walk);
        try (InputStream in = content.openStream()) {
            parser.parse(in);
        } catch (Found found) {
            // the first refusal ends the walk
        } catch (MimeException | IOException | RuntimeException e) {
            return new AttachmentReport(walk.files, walk.finding, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new AttachmentReport(walk.files, walk.finding, null);
    }

    /** Stops the parser at the first refusal. */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }

    private final class Walk extends AbstractContentHandler {

        private final List<String> files = new ArrayList<>();
        private AttachmentFinding finding;
        private int depth;

        @Override
        public void startMessage() {
            depth++;
        }

        @Override
        public void endMessage() {
            depth--;
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream decoded) throws IOException {
            String name = fileName(descriptor);
            String type = descriptor.getMimeType();
            // the text of the message itself is no attachment
            if (name == null && type.startsWith("text/")) {
                return;
            }
            String where = depth > 1 ? "a forwarded message" : "message";
            BufferedInputStream in = new BufferedInputStream(decoded);
            in.mark(HEAD);
            byte[] head = in.readNBytes(HEAD);
            in.reset();
            look(new Attachment(name, type, head, where));
            if (ContentKind.of(head) == ContentKind.ZIP) {
                zip(name == null ? "(an unnamed zip)" : name, in, 1);
            }
        }

        private void zip(String archive, InputStream in, int level) throws IOException {
            ZipInputStream zip = new ZipInputStream(in);
            String entryName = "(its first entry)";
            try {
                int entries = 0;
                for (ZipEntry entry; entries < ZIP_ENTRIES && (entry = zip.getNextEntry()) != null; entries++) {
                    entryName = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    byte[] head = zip.readNBytes(HEAD);
                    look(new Attachment(entry.getName(), null, head, archive));
                    if (ContentKind.of(head) == ContentKind.ZIP && level < ZIP_DEPTH) {
                        zip(archive + "/" + entry.getName(), new SequenceInputStream(new ByteArrayInputStream(head), zip), level + 1);
                    }
                }
            } catch (ZipException e) {
                // the JDK reads no encrypted entry: that is how one is recognised
                if (e.getMessage() != null && e.getMessage().contains("encrypted")) {
                    record(archive + " (encrypted)");
                    Optional<AttachmentFinding> refused = rules.encrypted(archive, entryName);
                    if (refused.isPresent()) {
                        finding = refused.get();
                        throw new Found();
                    }
                    return;
                }
                // a damaged archive: clamd still scans its bytes
                record(archive + " (unreadable zip: " + e.getMessage() + ")");
            }
        }

        private void look(Attachment attachment) {
            record(attachment.fileName() == null ? "(" + attachment.declaredType() + ")"
                    : attachment.fileName() + ("message".equals(attachment.where()) ? "" : " in " + attachment.where()));
            Optional<AttachmentFinding> refused = rules.judge(attachment);
            if (refused.isPresent()) {
                finding = refused.get();
                throw new Found();
            }
        }

        private void record(String file) {
            if (files.size() < FILES_RECORDED) {
                files.add(file);
            }
        }
    }

    /** The file name the part gives, from Content-Disposition or else Content-Type's {@code name}, encoded words decoded. */
    private static String fileName(BodyDescriptor descriptor) {
        if (!(descriptor instanceof MaximalBodyDescriptor maximal)) {
            return null;
        }
        String name = maximal.getContentDispositionFilename();
        if (name == null) {
            name = maximal.getContentTypeParameters().get("name");
        }
        if (name == null) {
            return null;
        }
        String decoded = DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT).strip();
        return decoded.isEmpty() ? null : decoded;
    }
}
