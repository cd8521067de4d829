package org.passerelle.content;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.passerelle.content.attachment.AttachmentReport;
import org.passerelle.content.attachment.AttachmentScanner;
import org.passerelle.content.spam.SpamdClient;
import org.passerelle.content.virus.ClamdClient;
import org.passerelle.content.virus.VirusScan;
import org.passerelle.settings.FatalConfiguration;
import org.passerelle.smtp.MessageContent;

/**
 * Runs the content checks a message's flow calls for, at the end of DATA: the virus scan first (a
 * virus ends it), then the attachment rules (a refused file ends it), then the spam score; {@link ContentRules} decides what each result does. Reads
 * its settings at start (one out of range stops the server) and keeps the clamd connections.
 * A scanner's failure is logged with the session; an acceptance without a scan loudly. A plain
 * CDI bean, not an EJB: every message goes through it, and the EJB interceptor chain cost more
 * than a check the flow does not call for.
 */
@ApplicationScoped
public class ContentChecks {

    private static final Logger LOG = Logger.getLogger(ContentChecks.class.getName());

    private volatile ContentSettings settings;
    private volatile ContentRules rules;
    private volatile SpamdClient spamd;
    private volatile ClamdClient clamd;

    @PostConstruct
    void read() {
        try {
            settings = ContentSettings.read(System::getProperty);
        } catch (IllegalArgumentException e) {
            throw FatalConfiguration.stopServer(LOG, List.of(e.getMessage()));
        }
        rules = new ContentRules(settings);
        spamd = new SpamdClient(resolved(settings.spamd()), settings.spamdTimeout());
        clamd = new ClamdClient(resolved(settings.clamd()), settings.clamdTimeout(), settings.clamdSessions());
        LOG.info(() -> String.format("content checks: virus scan (clamd %s) for %s mail%s; spam score (spamd %s) for %s mail%s",
                settings.clamd(), settings.virusFlows(), settings.clamdFailOpen() ? ", FAIL OPEN" : "",
                settings.spamd(), settings.spamFlows(), settings.spamdFailOpen() ? ", fail open" : ""));
    }

    /** Created when the application starts, so that a setting out of range stops the server then. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine("content checks ready");
    }

    @PreDestroy
    void close() {
        clamd.close();
    }

    /**
     * Whether clamd's failure would defer mail (a flow is scanned, fail closed) and it does not
     * answer: the node is then not ready to take mail.
     */
    public boolean clamdMissed() {
        return !settings.virusFlows().isEmpty() && !settings.clamdFailOpen() && !clamd.ping();
    }

    /** As {@link #clamdMissed()}, for spamd. */
    public boolean spamdMissed() {
        return !settings.spamFlows().isEmpty() && !settings.spamdFailOpen() && !spamd.ping();
    }

    public ContentSettings settings() {
        return settings;
    }

    /**
     * @param sessionId names the session in the log lines about a scanner's failure
     * @param outbreak  whether outbreak mode is on: every message with an attachment is quarantined
     */
    public ContentVerdict check(Flow flow, MessageContent content, String sessionId, boolean outbreak) {
        // only the checks that run are recorded: a server or a flow without checks keeps its records as they were
        List<CheckStep> steps = new ArrayList<>();
        if (rules.scansForViruses(flow)) {
            steps.add(scanForViruses(content, sessionId));
        }
        if (!ended(steps) && (rules.checksAttachments(flow) || outbreak)) {
            long start = System.nanoTime();
            AttachmentReport report = new AttachmentScanner(rules.attachmentRules()).scan(content);
            if (report.unreadable() != null) {
                LOG.warning(() -> String.format("%s: MIME unreadable, attachments checked as far as it could be read: %s", sessionId,
                        report.unreadable()));
            }
            if (rules.checksAttachments(flow)) {
                steps.add(rules.attachmentsChecked(report, since(start)));
            }
            if (outbreak && !ended(steps)) {
                steps.add(rules.outbreak(report, since(start)));
            }
        }
        if (!ended(steps) && rules.scoresSpam(flow)) {
            steps.add(scoreSpam(content, sessionId));
        }
        CheckStep refusing = steps.stream().filter(CheckStep::refuses).findFirst().orElse(null);
        String quarantine = steps.stream().map(CheckStep::quarantine).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        List<String> headers = new ArrayList<>();
        String tag = null;
        for (CheckStep step : steps) {
            headers.addAll(step.rewrite().headers());
            tag = step.rewrite().subjectTag() != null ? step.rewrite().subjectTag() : tag;
        }
        return new ContentVerdict(refusing == null ? null : refusing.refusal(), new MessageRewrite(headers, tag),
                steps.stream().map(CheckStep::record).toList(), quarantine);
    }

    /** A quarantined message scanned again before it is released: infected, clean, or the scanner failed. */
    public VirusScan rescan(MessageContent content) throws ScannerFailure {
        return clamd.scan(content);
    }

    /** Whether a check refused or quarantined the message: the others need not run. */
    private static boolean ended(List<CheckStep> steps) {
        return !steps.isEmpty() && steps.get(steps.size() - 1).ends();
    }

    private CheckStep scanForViruses(MessageContent content, String sessionId) {
        long start = System.nanoTime();
        try {
            return rules.virusScanned(clamd.scan(content), since(start));
        } catch (ScannerFailure e) {
            CheckStep step = rules.virusScanFailed(e, since(start));
            LOG.log(step.refuses() ? Level.WARNING : Level.SEVERE, () -> String.format("%s: virus scan failed, message %s: %s",
                    sessionId, step.refuses() ? "deferred" : "ACCEPTED UNSCANNED (PSL_CLAMD_FAIL_OPEN)", e.getMessage()));
            return step;
        }
    }

    private CheckStep scoreSpam(MessageContent content, String sessionId) {
        if (rules.tooLargeToScore(content.size())) {
            return rules.spamTooLarge(content.size());
        }
        long start = System.nanoTime();
        try {
            return rules.spamScored(spamd.check(content), since(start));
        } catch (ScannerFailure e) {
            CheckStep step = rules.spamScoreFailed(e, since(start));
            LOG.warning(() -> String.format("%s: spam check failed, message %s: %s", sessionId,
                    step.refuses() ? "deferred" : "accepted unscored (PSL_SPAMD_FAIL_OPEN)", e.getMessage()));
            return step;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static InetSocketAddress resolved(InetSocketAddress address) {
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }
}
