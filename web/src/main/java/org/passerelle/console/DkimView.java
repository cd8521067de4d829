package org.passerelle.console;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.dkim.DkimDnsCheck;
import org.passerelle.dkim.DkimKey;
import org.passerelle.dkim.DkimKeys;
import org.passerelle.dkim.DmarcFailure;
import org.passerelle.dkim.DmarcFailures;
import org.passerelle.refusal.Refusal;

/**
 * DKIM and DMARC (docs/dkim-and-alignment.md): the keys with the TXT record each needs in DNS,
 * whether DNS has it (asked on request), and, for the central service, making and deactivating
 * them; for everyone, the applications (theirs, for managers and owners) whose mail of the last
 * 30 days would fail DMARC.
 */
@Named
@ViewScoped
public class DkimView implements Serializable {

    static final int DAYS = 30;

    @EJB
    private DkimKeys keys;

    @EJB
    private DmarcFailures dmarc;

    @Inject
    private ConsoleUser user;

    private String domain;
    private List<DkimKey> list;
    private List<DmarcFailure> failures;
    private final Map<String, DkimDnsCheck.Result> checks = new HashMap<>();

    public boolean isSeesKeys() {
        return user.isSeesEverything();
    }

    public boolean isManagesKeys() {
        return user.isCentral();
    }

    public List<DkimKey> getKeys() {
        if (list == null) {
            list = isSeesKeys() ? keys.list(user.requester(), null) : List.of();
        }
        return list;
    }

    public List<DmarcFailure> getFailures() {
        if (failures == null) {
            Instant now = Instant.now();
            failures = dmarc.between(user.requester(), now.minus(Duration.ofDays(DAYS)), now.plusSeconds(1));
        }
        return failures;
    }

    public void create() {
        try {
            DkimKey key = keys.create(user.requester(), domain);
            Texts.info(Texts.get("dkim.made", key.dns().name()));
            domain = null;
            list = null;
        } catch (Refusal refused) {
            Texts.error(refused.field() == null ? null : "dkim:" + refused.field(), refused.getMessage());
        }
    }

    public void check(DkimKey key) {
        try {
            DkimKey checked = keys.check(user.requester(), key.domain(), key.selector());
            checks.put(key.dns().name(), checked.dnsCheck());
            list = null;
        } catch (Refusal refused) {
            Texts.error(null, refused.getMessage());
        }
    }

    public void deactivate(DkimKey key) {
        try {
            keys.deactivate(user.requester(), key.domain(), key.selector());
            Texts.info(Texts.get("dkim.deactivated", key.dns().name()));
            list = null;
        } catch (Refusal refused) {
            Texts.error(null, refused.getMessage());
        }
    }

    /** What the last check of this page found for the key, in words; empty when not asked. */
    public String checkOf(DkimKey key) {
        DkimDnsCheck.Result result = checks.get(key.dns().name());
        return result == null ? "" : Texts.get("dkim.check." + result.status().name()) + " " + result.detail();
    }

    /** signing, awaiting DNS, deactivated */
    public String stateOf(DkimKey key) {
        return Texts.get(!key.active() ? "dkim.state.deactivated" : key.signing() ? "dkim.state.signing" : "dkim.state.awaiting");
    }

    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public int getDays() { return DAYS; }
}
