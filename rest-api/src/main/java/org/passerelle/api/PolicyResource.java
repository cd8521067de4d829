package org.passerelle.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.passerelle.directory.NetworkRange;
import org.passerelle.policy.PolicyExplainer;
import org.passerelle.policy.SessionClient;
import org.passerelle.refusal.Refusal;
import org.passerelle.smtp.MailAddress;

/**
 * {@code POST /api/v1/policy/explain}: what this gateway would answer, stage by stage, to a
 * session with these facts, and the rule behind each answer. Roles explain any session; managers
 * and owners only sessions from their applications' networks ({@link PolicyExplainer}).
 */
@Path("policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    /**
     * The facts of a session. {@code sender} empty or {@code <>} is the null sender; {@code listener}
     * defaults to {@code relay}; {@code heloName} and {@code authenticatedUser} may be left out.
     */
    public record ExplainRequest(String clientAddress, String listener, String heloName, String authenticatedUser,
                                 String sender, List<String> recipients) {
    }

    public record StageView(String stage, String recipient, boolean accepted, int code, String status, String text,
                            String rule) {
    }

    public record Explanation(List<StageView> stages) {
    }

    @EJB
    private PolicyExplainer explainer;

    @Context
    private SecurityContext security;

    @POST
    @Path("explain")
    public Response explain(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExplainRequest.class))) String body) {
        ExplainRequest request = Forms.read(body, ExplainRequest.class);
        if (request.clientAddress() == null) {
            throw Refusal.invalid("clientAddress", "the client's IP address is required");
        }
        InetAddress client;
        try {
            client = NetworkRange.address(request.clientAddress());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("clientAddress", e.getMessage());
        }
        MailAddress sender;
        try {
            sender = mailbox(request.sender());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("sender", e.getMessage());
        }
        List<MailAddress> recipients = new ArrayList<>();
        for (String recipient : request.recipients() == null ? List.<String>of() : request.recipients()) {
            try {
                recipients.add(MailAddress.parse(unbracketed(recipient)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw Refusal.invalid("recipients", "not a mailbox: " + recipient);
            }
        }
        String listener = request.listener() == null ? SessionClient.RELAY_LISTENER : request.listener();
        SessionClient session = new SessionClient(client, listener, request.heloName(), request.authenticatedUser());
        return Response.ok(new Explanation(explainer.explain(Requesters.of(security), session, sender, recipients).stream()
                .map(s -> new StageView(s.stage(), s.recipient(), s.decision().accepted(), s.decision().verdict().code(),
                        s.decision().verdict().status(), s.decision().verdict().text(), s.decision().rule()))
                .toList())).build();
    }

    private static MailAddress mailbox(String sender) {
        if (sender == null || sender.isBlank() || sender.trim().equals("<>")) {
            return null;
        }
        return MailAddress.parse(unbracketed(sender));
    }

    private static String unbracketed(String path) {
        String trimmed = path.trim();
        return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
