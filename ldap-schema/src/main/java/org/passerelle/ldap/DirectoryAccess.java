package org.passerelle.ldap;

import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.ProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Who may change the embedded directory: only its administrator. UnboundID's in-memory server has
 * no access control, so without this anyone who binds as a sample person (password {@code password})
 * could add herself to {@code cn=central}. Anonymous clients may do nothing but bind: the in-memory
 * handler is configured to require a bind for every other operation (see {@link EmbeddedDirectory}).
 * After each successful change, {@code afterChange} runs before the client gets its answer.
 *
 * <p>One instance per connection wraps the in-memory handler's instance for that connection, which
 * knows whom the connection is bound as.
 */
final class DirectoryAccess extends LDAPListenerRequestHandler {

    /** Extended operations that change nothing: who am I, StartTLS. */
    private static final Set<String> READ_ONLY_EXTENDED_OPERATIONS =
            Set.of("1.3.6.1.4.1.4203.1.11.3", "1.3.6.1.4.1.1466.20037");

    private static final int REFUSED = ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE;

    private final InMemoryRequestHandler directory;
    private final DN administrator;
    private final Runnable afterChange;

    DirectoryAccess(InMemoryRequestHandler directory, DN administrator, Runnable afterChange) {
        this.directory = directory;
        this.administrator = administrator;
        this.afterChange = afterChange;
    }

    @Override
    public DirectoryAccess newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        return new DirectoryAccess(directory.newInstance(connection), administrator, afterChange);
    }

    @Override
    public LDAPMessage processAddRequest(int messageId, AddRequestProtocolOp request, List<Control> controls) {
        return change(messageId, "add " + request.getDN(),
                () -> directory.processAddRequest(messageId, request, controls),
                diagnostic -> new AddResponseProtocolOp(REFUSED, null, diagnostic, null),
                response -> response.getAddResponseProtocolOp().getResultCode());
    }

    @Override
    public LDAPMessage processModifyRequest(int messageId, ModifyRequestProtocolOp request, List<Control> controls) {
        return change(messageId, "modify " + request.getDN(),
                () -> directory.processModifyRequest(messageId, request, controls),
                diagnostic -> new ModifyResponseProtocolOp(REFUSED, null, diagnostic, null),
                response -> response.getModifyResponseProtocolOp().getResultCode());
    }

    @Override
    public LDAPMessage processDeleteRequest(int messageId, DeleteRequestProtocolOp request, List<Control> controls) {
        return change(messageId, "delete " + request.getDN(),
                () -> directory.processDeleteRequest(messageId, request, controls),
                diagnostic -> new DeleteResponseProtocolOp(REFUSED, null, diagnostic, null),
                response -> response.getDeleteResponseProtocolOp().getResultCode());
    }

    @Override
    public LDAPMessage processModifyDNRequest(int messageId, ModifyDNRequestProtocolOp request, List<Control> controls) {
        return change(messageId, "rename " + request.getDN(),
                () -> directory.processModifyDNRequest(messageId, request, controls),
                diagnostic -> new ModifyDNResponseProtocolOp(REFUSED, null, diagnostic, null),
                response -> response.getModifyDNResponseProtocolOp().getResultCode());
    }

    // a password change or a transaction's end changes the tree; who-am-I and StartTLS do not
    @Override
    public LDAPMessage processExtendedRequest(int messageId, ExtendedRequestProtocolOp request, List<Control> controls) {
        if (READ_ONLY_EXTENDED_OPERATIONS.contains(request.getOID())) {
            return directory.processExtendedRequest(messageId, request, controls);
        }
        return change(messageId, "run the extended operation " + request.getOID(),
                () -> directory.processExtendedRequest(messageId, request, controls),
                diagnostic -> new ExtendedResponseProtocolOp(REFUSED, null, diagnostic, null, null, null),
                response -> response.getExtendedResponseProtocolOp().getResultCode());
    }

    @Override
    public LDAPMessage processBindRequest(int messageId, BindRequestProtocolOp request, List<Control> controls) {
        return directory.processBindRequest(messageId, request, controls);
    }

    @Override
    public LDAPMessage processCompareRequest(int messageId, CompareRequestProtocolOp request, List<Control> controls) {
        return directory.processCompareRequest(messageId, request, controls);
    }

    @Override
    public LDAPMessage processSearchRequest(int messageId, SearchRequestProtocolOp request, List<Control> controls) {
        return directory.processSearchRequest(messageId, request, controls);
    }

    @Override
    public void processAbandonRequest(int messageId, AbandonRequestProtocolOp request, List<Control> controls) {
        directory.processAbandonRequest(messageId, request, controls);
    }

    @Override
    public void processUnbindRequest(int messageId, UnbindRequestProtocolOp request, List<Control> controls) {
        directory.processUnbindRequest(messageId, request, controls);
    }

    @Override
    public void closeInstance() {
        directory.closeInstance();
    }

    private LDAPMessage change(int messageId, String what, Supplier<LDAPMessage> operation,
                               Function<String, ProtocolOp> refusal, ToIntFunction<LDAPMessage> resultCode) {
        if (!administrator.equals(directory.getAuthenticatedDN())) {
            return new LDAPMessage(messageId, refusal.apply("only " + administrator + " may " + what + "; bind as it first"));
        }
        LDAPMessage response = operation.get();
        if (resultCode.applyAsInt(response) == ResultCode.SUCCESS_INT_VALUE) {
            afterChange.run();
        }
        return response;
    }
}
