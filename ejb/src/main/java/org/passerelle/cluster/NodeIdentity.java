package org.passerelle.cluster;

import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.settings.Setting;

/**
 * This node: its name ({@code PSL_NODE_ID}, unique per node) and this boot of it (eight random
 * characters), which together prefix its delivery claims and mark its job periods, so that the
 * claims of a boot that is gone can be told from those of the boot running now.
 */
@ApplicationScoped
public class NodeIdentity {

    private String nodeId;
    private String boot;

    @PostConstruct
    void read() {
        nodeId = Setting.text("psl.node-id");
        boot = UUID.randomUUID().toString().substring(0, 8);
    }

    public String nodeId() {
        return nodeId;
    }

    public String boot() {
        return boot;
    }

    /** The prefix of every delivery claim this boot makes. */
    public String claimPrefix() {
        return claimPrefix(nodeId, boot);
    }

    /** The prefix of every claim of that node's boot. */
    public static String claimPrefix(String nodeId, String boot) {
        return nodeId + "/" + boot + "/";
    }

    /** The prefix of the claims of every boot of that node. */
    public static String anyBoot(String nodeId) {
        return nodeId + "/";
    }
}
