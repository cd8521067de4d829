package org.passerelle.content;

import static org.passerelle.content.ScannerFailure.printable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.passerelle.content.attachment.AttachmentReport;
import org.passerelle.content.attachment.AttachmentRules;
import org.passerelle.content.spam.SpamLevel;
import org.passerelle.content.spam.SpamReport;
import org.passerelle.content.virus.VirusScan;
import org.passerelle.smtp.Verdict;

/**
 * What each check's result does to a message at the end of DATA: a virus is refused with
 * {@code 554 5.7.0}; a scanner that fails defers the message with {@code 451 4.7.0} unless its
 * fail-open setting accepts it unchecked; a spam score tags, marks or (above the reject score)
 * refuses with {@code 550 5.7.1}. Each outcome says what was found and how long the check took.
 */
public final class ContentRules {

    public static final String VIRUS = "virus";
    public static final String SPAM = "spam";
    public static final String ATTACHMENTS = "attachment";
    public static final String OUTBREAK = "outbreak";
    /** The quarantine reason of outbreak mode, by which the bulk release after it finds its messages. */
    public static final String OUTBREAK_REASON = "outbreak mode";

    private final ContentSettings settings;

    public ContentRules(ContentSettings settings) {
        this.settings = settings;
    }

    public boolean scansForViruses(Flow flow) {
        return settings.virusFlows().contains(flow);
    }

    public boolean checksAttachments(Flow flow) {
        return settings.attachmentFlows().contains(flow);
    }

    public AttachmentRules attachmentRules() {
        return settings.attachmentRules();
    }

    /** A refused file ends it with {@code 554 5.7.1}; MIME that cannot be read leaves it to clamd's scan of the raw bytes, and says so. */
    public CheckStep attachmentsChecked(AttachmentReport report, Duration took) {
        String files = report.files().isEmpty() ? "no attachment" : String.join(", ", report.files());
        if (report.finding() != null && settings.quarantinedAttachments().contains(report.finding().rule())) {
            return CheckStep.quarantined(ATTACHMENTS, "attachment " + report.finding().text(),
                    report.finding().text() + ", quarantined (" + took.toMillis() + " ms)");
        }
        if (report.finding() != null) {
            return CheckStep.refused(ATTACHMENTS, Verdict.reject(554, "5.7.1", "Attachment refused: " + report.finding().text()),
                    report.finding().text() + " (" + took.toMillis() + " ms)");
        }
        if (report.unreadable() != null) {
            return CheckStep.passed(ATTACHMENTS, "MIME unreadable, scanned as raw bytes only: " + printable(report.unreadable())
                    + "; seen: " + files + " (" + took.toMillis() + " ms)");
        }
        return CheckStep.passed(ATTACHMENTS, "allowed: " + files + " (" + took.toMillis() + " ms)");
    }

    /**
     * Outbreak mode: while it is on, every message with an attachment is quarantined, until the
     * signatures catch up and the quarantine is released in bulk with a new scan.
     */
    public CheckStep outbreak(AttachmentReport report, Duration took) {
        if (report.files().isEmpty() && report.unreadable() == null) {
            return CheckStep.passed(OUTBREAK, "outbreak mode: no attachment, delivered (" + took.toMillis() + " ms)");
        }
        return CheckStep.quarantined(OUTBREAK, OUTBREAK_REASON, "outbreak mode: quarantined with its attachments "
                + (report.files().isEmpty() ? "(MIME unreadable)" : String.join(", ", report.files())) + " (" + took.toMillis() + " ms)");
    }

    public int quarantineDays() {
        return settings.quarantineDays();
    }

    public boolean scoresSpam(Flow flow) {
        return settings.spamFlows().contains(flow);
    }

    public CheckStep virusScanned(VirusScan scan, Duration took) {
        if (!scan.infected()) {
            return CheckStep.passed(VIRUS, "clean (clamd, " + took.toMillis() + " ms)");
        }
        String name = printable(scan.virus());
        if (settings.quarantineVirus()) {
            return CheckStep.quarantined(VIRUS, "virus " + name, name + " found, quarantined (clamd, " + took.toMillis() + " ms)");
        }
        return CheckStep.refused(VIRUS, Verdict.reject(554, "5.7.0", "Virus found: " + name),
                name + " found (clamd, " + took.toMillis() + " ms)");
    }

    public CheckStep virusScanFailed(ScannerFailure failure, Duration took) {
        if (settings.clamdFailOpen()) {
            return CheckStep.passed(VIRUS, "NOT SCANNED, accepted (PSL_CLAMD_FAIL_OPEN): " + failure.getMessage()
                    + " (" + took.toMillis() + " ms)");
        }
        return CheckStep.refused(VIRUS, Verdict.tempFail(451, "4.7.0", "Virus scan unavailable, try again later"),
                failure.getMessage() + " (" + took.toMillis() + " ms)");
    }

    public CheckStep spamTooLarge(long size) {
        return CheckStep.passed(SPAM, "not scored: " + size + " bytes, above PSL_SPAM_MAX_SIZE (" + settings.spamMaxSize() + ")");
    }

    public boolean tooLargeToScore(long size) {
        return size > settings.spamMaxSize();
    }

    public CheckStep spamScored(SpamReport report, Duration took) {
        double score = report.score();
        String scored = String.format(Locale.ROOT, "score %.1f", score);
        String facts = "; rules " + String.join(",", report.rules()) + " (spamd, " + took.toMillis() + " ms)";
        if (settings.spamRules().refuses(score)) {
            return CheckStep.refused(SPAM, Verdict.reject(550, "5.7.1", "Message refused as spam"),
                    scored + ", above PSL_SPAM_REJECT_SCORE" + facts);
        }
        SpamLevel level = settings.spamRules().level(score);
        List<String> headers = new ArrayList<>();
        if (level != SpamLevel.NONE) {
            headers.add(settings.statusHeader() + ": " + level);
        }
        headers.add("X-Spam-Score: " + String.format(Locale.ROOT, "%.1f", score));
        boolean tag = settings.spamRules().tagsSubject(score);
        if (tag && settings.quarantineSpam()) {
            return CheckStep.quarantined(SPAM, "spam " + scored, scored + ", " + level + ", quarantined" + facts);
        }
        return CheckStep.passed(SPAM, scored + (level == SpamLevel.NONE ? "" : ", " + level) + (tag ? ", subject tagged" : "") + facts,
                new MessageRewrite(headers, tag ? settings.subjectTag() : null));
    }

    public CheckStep spamScoreFailed(ScannerFailure failure, Duration took) {
        if (settings.spamdFailOpen()) {
            return CheckStep.passed(SPAM, "not scored, accepted (PSL_SPAMD_FAIL_OPEN): " + failure.getMessage()
                    + " (" + took.toMillis() + " ms)");
        }
        return CheckStep.refused(SPAM, Verdict.tempFail(451, "4.7.0", "Spam check unavailable, try again later"),
                failure.getMessage() + " (" + took.toMillis() + " ms)");
    }
}
