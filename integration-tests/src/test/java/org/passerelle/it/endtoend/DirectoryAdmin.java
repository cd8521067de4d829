package org.passerelle.it.endtoend;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** The tests' slapd as its administrator: for a test that changes, or reads, the directory behind the server's back. */
final class DirectoryAdmin {

    private DirectoryAdmin() {
    }

    static DirContext connect() throws NamingException {
        return connect(TestSettings.get("it.ldap.url"));
    }

    /** Another slapd of the tests (a provider, a replica), with the same administrator. */
    static DirContext connect(String url) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url);
        environment.put(Context.SECURITY_PRINCIPAL, "cn=admin,dc=passerelle,dc=test");
        environment.put(Context.SECURITY_CREDENTIALS, "passerelle");
        return new InitialDirContext(environment);
    }
}
