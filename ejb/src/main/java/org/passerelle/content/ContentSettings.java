package org.passerelle.content;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.passerelle.content.attachment.AttachmentRule;
import org.passerelle.content.attachment.AttachmentRules;
import org.passerelle.content.spam.SpamRules;
import org.passerelle.settings.SettingsReader;

/**
 * The content checks' settings ({@code PSL_CONTENT_*}, {@code PSL_SPAM_*}, {@code PSL_SPAMD_*},
 * {@code PSL_CLAMD_*}; docs/content-checks.md), each checked: a server with one out of range says
 * which at start and does not deploy.
 *
 * @param spamFlows      the flows whose messages spamd scores
 * @param virusFlows     the flows whose messages clamd scans
 * @param spamdFailOpen  whether a message is accepted unscored when spamd fails (else {@code 451})
 * @param spamMaxSize    messages larger than this (bytes) are not scored, as spamc does
 * @param subjectTag     put before the subject of a message scoring at least the tag score
 * @param statusHeader   the header that says HIGH, MEDIUM or LOW
 * @param clamdFailOpen  whether a message is accepted unscanned when clamd fails (else {@code 451}); logged loudly
 * @param clamdSessions  how many clamd connections are kept open between scans
 * @param attachmentFlows the flows whose attachments are checked
 * @param attachmentRules which attachments are refused
 * @param quarantineVirus whether a virus is quarantined rather than refused
 * @param quarantinedAttachments the attachment rules whose refusal quarantines the message instead
 * @param quarantineSpam whether a message at the tag score is quarantined rather than tagged
 * @param quarantineDays how long quarantined messages are kept before they are deleted
 */
public record ContentSettings(Set<Flow> spamFlows, Set<Flow> virusFlows, Set<Flow> attachmentFlows, AttachmentRules attachmentRules,
                              InetSocketAddress spamd, Duration spamdTimeout, boolean spamdFailOpen, long spamMaxSize,
                              SpamRules spamRules, String subjectTag, String statusHeader,
                              InetSocketAddress clamd, Duration clamdTimeout, boolean clamdFailOpen, int clamdSessions,
                              boolean quarantineVirus, Set<AttachmentRule> quarantinedAttachments, boolean quarantineSpam,
                              int quarantineDays) {

    /**
     * @param property the value of a system property by name ({@code psl.spam.tag-score}), {@code null} when not defined
     * @throws IllegalArgumentException naming every setting that is missing or out of range
     */
    public static ContentSettings read(Function<String, String> property) {
        Reader reader = new Reader(property);
        Set<Flow> spamFlows = reader.flows("psl.content.spam-flows");
        Set<Flow> virusFlows = reader.flows("psl.content.virus-flows");
        Set<Flow> attachmentFlows = reader.flows("psl.content.attachment-flows");
        Set<String> blocked = reader.extensions("psl.attachment.blocked-extensions");
        boolean refuseEncrypted = "refuse".equals(reader.choice("psl.attachment.encrypted-archives", "allow", "refuse"));
        String spamdHost = reader.text("psl.spamd.host");
        int spamdPort = (int) reader.number("psl.spamd.port", 1, 65535);
        long spamdTimeout = reader.number("psl.spamd.timeout-seconds", 1, 600);
        boolean spamdFailOpen = reader.flag("psl.spamd.fail-open");
        long spamMaxSize = reader.number("psl.spam.max-size", 1, Integer.MAX_VALUE);
        double tag = reader.score("psl.spam.tag-score", false);
        double medium = reader.score("psl.spam.medium-score", false);
        double low = reader.score("psl.spam.low-score", false);
        double reject = reader.score("psl.spam.reject-score", true);
        String subjectTag = reader.printable("psl.spam.subject-tag", "[\\x20-\\x7e]{1,100}");
        String statusHeader = reader.printable("psl.spam.status-header", "[\\x21-\\x39\\x3b-\\x7e]{1,76}");
        String clamdHost = reader.text("psl.clamd.host");
        int clamdPort = (int) reader.number("psl.clamd.port", 1, 65535);
        long clamdTimeout = reader.number("psl.clamd.timeout-seconds", 1, 600);
        boolean clamdFailOpen = reader.flag("psl.clamd.fail-open");
        int sessions = (int) reader.number("psl.clamd.connections", 0, 256);
        boolean quarantineVirus = "quarantine".equals(reader.choice("psl.virus.action", "refuse", "quarantine"));
        Set<AttachmentRule> quarantinedAttachments = reader.attachmentActions("psl.attachment.action");
        boolean quarantineSpam = "quarantine".equals(reader.choice("psl.spam.action", "tag", "quarantine"));
        int quarantineDays = (int) reader.number("psl.quarantine.days", 1, 3650);
        SpamRules rules = null;
        if (reader.problems().isEmpty()) {
            try {
                rules = new SpamRules(tag, medium, low, Double.isNaN(reject) ? null : reject);
            } catch (IllegalArgumentException e) {
                reader.problems().add("PSL_SPAM_LOW_SCORE, PSL_SPAM_MEDIUM_SCORE, PSL_SPAM_TAG_SCORE, PSL_SPAM_REJECT_SCORE: "
                        + e.getMessage());
            }
        }
        if (!reader.problems().isEmpty()) {
            throw new IllegalArgumentException("content check settings out of range: " + String.join("; ", reader.problems()));
        }
        return new ContentSettings(spamFlows, virusFlows, attachmentFlows, new AttachmentRules(blocked, refuseEncrypted),
                InetSocketAddress.createUnresolved(spamdHost, spamdPort),
                Duration.ofSeconds(spamdTimeout), spamdFailOpen, spamMaxSize, rules, subjectTag, statusHeader,
                InetSocketAddress.createUnresolved(clamdHost, clamdPort), Duration.ofSeconds(clamdTimeout), clamdFailOpen, sessions,
                quarantineVirus, quarantinedAttachments, quarantineSpam, quarantineDays);
    }

    /** The environment variable an operator sets for a property: {@code psl.spam.tag-score} is {@code PSL_SPAM_TAG_SCORE}. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Reads the settings one by one, collecting every problem rather than stopping at the first. */
    private static final class Reader extends SettingsReader {

        Reader(Function<String, String> property) {
            super(property, ContentSettings::variable);
        }

        String text(String name) {
            String value = value(name);
            if (value != null && value.isEmpty()) {
                problems().add(variable(name) + " must not be empty");
            }
            return value == null ? "" : value;
        }

        /** A SpamAssassin score such as {@code 4.5}; NaN for an empty optional one. */
        double score(String name, boolean optional) {
            String value = value(name);
            if (value == null || (optional && value.isEmpty())) {
                return Double.NaN;
            }
            try {
                double score = Double.parseDouble(value);
                if (Double.isFinite(score) && Math.abs(score) <= 10_000) {
                    return score;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems().add(variable(name) + "=" + value + ": must be a score such as 4.5" + (optional ? ", or empty for none" : ""));
            return Double.NaN;
        }

        /** File name extensions, without dots, separated by commas or spaces; {@code none}: none. */
        Set<String> extensions(String name) {
            String value = value(name);
            if (value == null || value.equalsIgnoreCase("none")) {
                return Set.of();
            }
            Set<String> extensions = new java.util.TreeSet<>();
            for (String extension : value.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
                String bare = extension.startsWith(".") ? extension.substring(1) : extension;
                if (bare.matches("[a-z0-9_-]{1,20}")) {
                    extensions.add(bare);
                } else if (!bare.isEmpty()) {
                    problems().add(variable(name) + ": " + extension + " is not a file name extension");
                }
            }
            return extensions;
        }

        /**
         * {@code refuse} or {@code quarantine} for every rule, or per rule: {@code refuse
         * double-extension=quarantine type-mismatch=quarantine} (the first word for the others).
         *
         * @return the rules whose refusal quarantines
         */
        Set<AttachmentRule> attachmentActions(String name) {
            String value = value(name);
            Set<AttachmentRule> quarantined = java.util.EnumSet.noneOf(AttachmentRule.class);
            if (value == null) {
                return quarantined;
            }
            for (String word : value.split("[,\\s]+")) {
                String[] rule = word.split("=", 2);
                String action = rule.length == 2 ? rule[1] : rule[0];
                if (!action.equals("refuse") && !action.equals("quarantine")) {
                    problems().add(variable(name) + ": " + word + ": the action must be refuse or quarantine");
                    continue;
                }
                if (rule.length == 1) {
                    quarantined = action.equals("quarantine") ? java.util.EnumSet.allOf(AttachmentRule.class)
                            : java.util.EnumSet.noneOf(AttachmentRule.class);
                    continue;
                }
                List<AttachmentRule> named = java.util.Arrays.stream(AttachmentRule.values()).filter(r -> r.key().equals(rule[0])).toList();
                if (named.isEmpty()) {
                    problems().add(variable(name) + ": " + rule[0] + " is not a rule (bidi-control, double-extension, blocked-extension,"
                            + " type-mismatch, encrypted-archive)");
                } else if (action.equals("quarantine")) {
                    quarantined.addAll(named);
                } else {
                    named.forEach(quarantined::remove);
                }
            }
            return quarantined;
        }

        String choice(String name, String... choices) {
            String value = value(name);
            if (value != null && !List.of(choices).contains(value)) {
                problems().add(variable(name) + "=" + value + ": must be one of " + String.join(", ", choices));
            }
            return value;
        }

        Set<Flow> flows(String name) {
            String value = value(name);
            try {
                return Flow.parse(value == null ? "" : value);
            } catch (IllegalArgumentException e) {
                problems().add(variable(name) + "=" + value + ": must list inbound, application, authenticated (comma-separated), or be none");
                return Set.of();
            }
        }

        // the texts go into a header line: printable ASCII only
        String printable(String name, String pattern) {
            String value = value(name);
            if (value != null && !value.matches(pattern)) {
                problems().add(variable(name) + "=" + value + ": must be printable ASCII, not empty, and short"
                        + (name.endsWith("header") ? " (a header field name, without a colon)" : ""));
            }
            return value;
        }
    }
}
