package org.passerelle.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * One policy decision of the SMTP session that sent a message, kept with the message: the stage,
 * what it was about (the client's address, the HELO name, the login, the sender, a recipient), the
 * reply it made and the rule that made it. Stored one a line, the fields separated by tabs.
 */
public record SessionVerdict(String stage, String subject, String reply, String rule) {

    /** What the column holds at most; a session with more decisions keeps the first ones and says how many are left out. */
    public static final int STORED_LIMIT = 20000;

    public SessionVerdict {
        stage = clean(stage);
        subject = clean(subject);
        reply = clean(reply);
        rule = clean(rule);
    }

    /** The decisions as stored: one a line, within {@value #STORED_LIMIT} characters. */
    public static String lines(List<SessionVerdict> verdicts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < verdicts.size(); i++) {
            SessionVerdict verdict = verdicts.get(i);
            String line = verdict.stage + '\t' + verdict.subject + '\t' + verdict.reply + '\t' + verdict.rule + '\n';
            String leftOut = "more\t\t\t" + (verdicts.size() - i) + " decisions left out\n";
            if (text.length() + line.length() + leftOut.length() > STORED_LIMIT) {
                text.append(leftOut);
                break;
            }
            text.append(line);
        }
        return text.toString();
    }

    /** The decisions of {@link #lines}; none for {@code null} (a message Passerelle wrote, or one accepted before they were kept). */
    public static List<SessionVerdict> parse(String lines) {
        List<SessionVerdict> verdicts = new ArrayList<>();
        if (lines == null) {
            return verdicts;
        }
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t", 4);
                verdicts.add(new SessionVerdict(fields[0], field(fields, 1), field(fields, 2), field(fields, 3)));
            }
        }
        return verdicts;
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    /** Tabs and line breaks would break the stored lines; a client chose some of these texts. */
    private static String clean(String text) {
        // no regular expression: each message's verdicts are cleaned a score of times
        return text == null ? "" : text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
