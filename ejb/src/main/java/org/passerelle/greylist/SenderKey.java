package org.passerelle.greylist;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.MailAddress;

/**
 * The envelope sender as greylisting keys it. Bounce addresses that change with every message
 * would make every retry a new triplet and fill the table, so, after lower-casing:
 * <ul>
 * <li>BATV ({@code prvs=tag=user}, {@code btv1==tag==user}) keeps the user;</li>
 * <li>SRS ({@code srs0=hash=tt=domain=user@forwarder}, {@code srs1=...==hash=tt=domain=user@...})
 *     becomes the original sender {@code user@domain};</li>
 * <li>an {@code +extension} is dropped (VERP as mailing lists use it);</li>
 * <li>each run of digits becomes {@code #} (VERP with message or subscriber numbers).</li>
 * </ul>
 * The null sender is the empty key.
 */
public final class SenderKey {

    private static final Pattern PRVS = Pattern.compile("prvs=[^=]*=(.+)");
    private static final Pattern BTV1 = Pattern.compile("btv1==[^=]*==(.+)");
    private static final Pattern SRS0 = Pattern.compile("srs0[=+-][^=]*=[^=]*=([^=]+)=(.+)");
    private static final Pattern SRS1 = Pattern.compile("srs1[=+-].*==[^=]*=[^=]*=([^=]+)=(.+)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private SenderKey() {
    }

    /** @param sender {@code null} for the null sender */
    public static String of(MailAddress sender) {
        if (sender == null) {
            return "";
        }
        String local = sender.localPart().toLowerCase(Locale.ROOT);
        String domain = sender.domain().toLowerCase(Locale.ROOT);
        Matcher srs = SRS1.matcher(local);
        if (!srs.matches()) {
            srs = SRS0.matcher(local);
        }
        if (srs.matches()) {
            local = srs.group(2);
            domain = srs.group(1);
        }
        local = strip(strip(local, PRVS), BTV1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return DIGITS.matcher(local).replaceAll("#") + "@" + domain;
    }

    private static String strip(String local, Pattern tagged) {
        Matcher matcher = tagged.matcher(local);
        return matcher.matches() ? matcher.group(1) : local;
    }
}
