package org.passerelle.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DNS TXT record that publishes a key (RFC 6376 §3.6.1): name {@code <selector>._domainkey.<domain>},
 * value {@code v=DKIM1; k=rsa; p=<public key, base64 of its DER SubjectPublicKeyInfo>}. A character
 * string in DNS holds at most {@value #STRING_LIMIT} octets, and a 2048-bit key's value is longer,
 * so the value is published as several strings of one record, which verifiers join without a
 * separator (RFC 6376 §3.6.2.2).
 */
public record DkimTxtRecord(String name, String value) {

    public static final int STRING_LIMIT = 255;

    public static DkimTxtRecord of(String domain, String selector, byte[] publicKeyDer) {
        return new DkimTxtRecord(selector + "._domainkey." + domain,
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKeyDer));
    }

    /** The value cut into strings of at most {@value #STRING_LIMIT} characters, in order. */
    public List<String> strings() {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += STRING_LIMIT) {
            strings.add(value.substring(start, Math.min(value.length(), start + STRING_LIMIT)));
        }
        return strings;
    }

    /** The record as a zone file line (BIND syntax), ready to paste. */
    public String zoneLine() {
        return name + ". IN TXT ( " + strings().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(" ")) + " )";
    }

    /** Whether a published record (its strings joined) carries this key: the same {@code p=} once spaces are ignored. */
    public boolean matches(String published) {
        return publicKey(published).equals(publicKey(value)) && !publicKey(value).isEmpty();
    }

    private static String publicKey(String record) {
        // tag=value pairs, whitespace allowed around both (RFC 6376 §3.2)
        for (String tag : record.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0 && tag.substring(0, equals).strip().equals("p")) {
                return tag.substring(equals + 1).replaceAll("\\s", "");
            }
        }
        return "";
    }
}
