package org.passerelle.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run mode's directory across restarts: its tree in an LDIF file under the state folder. */
class PersistentEmbeddedDirectoryTest {

    private static final String PASSWORD = "s3cret";
    private static final String APPLICATIONS = "ou=applications," + EmbeddedDirectory.BASE_DN;
    private static final String LEGACY_FAX = "cn=legacy-fax," + APPLICATIONS;

    @TempDir
    Path state;

    @Test
    void theFirstStartLoadsTheSampleDataAndWritesIt() throws Exception {
        Path file = state.resolve("directory.ldif");

        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection admin = admin(directory)) {
            assertNotNull(admin.getEntry(LEGACY_FAX));
        }

        assertTrue(Files.readString(file).contains("dn: " + LEGACY_FAX));
    }

    @Test
    void changesSurviveARestartAndTheSampleDataIsNotLoadedAgain() throws Exception {
        Path file = state.resolve("directory.ldif");
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection admin = admin(directory)) {
            admin.add(application("expenses-2", "10.80.0.0/28"));
            admin.modify("cn=billing," + APPLICATIONS,
                    new Modification(ModificationType.REPLACE, "description", "Billing, moved"));
            admin.delete(LEGACY_FAX);
        }

        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection admin = admin(directory)) {
            SearchResultEntry added = admin.getEntry("cn=expenses-2," + APPLICATIONS);
            assertNotNull(added);
            assertEquals("10.80.0.0/28", added.getAttributeValue("pslNetwork"));
            assertEquals("Billing, moved", admin.getEntry("cn=billing," + APPLICATIONS).getAttributeValue("description"));
            assertNull(admin.getEntry(LEGACY_FAX), "a deleted sample entry came back");
        }
    }

    @Test
    void theFileIsReplacedWholeAndReadableByItsOwnerOnly() throws Exception {
        Path file = state.resolve("directory.ldif");
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection admin = admin(directory)) {
            admin.add(application("expenses-3", "10.81.0.0/28"));
        }

        assertTrue(Files.readString(file).contains("dn: cn=expenses-3," + APPLICATIONS));
        assertFalse(Files.exists(state.resolve("directory.ldif.tmp")), "the temporary file was left behind");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    // a file that cannot be read must stop the start rather than be replaced by the sample data
    @Test
    void refusesToStartFromAnUnreadableFileAndLeavesItAlone() throws IOException {
        Path file = state.resolve("directory.ldif");
        Files.writeString(file, "dn: cn=broken\nthis is not LDIF\n");

        assertThrows(LDAPException.class, () -> EmbeddedDirectory.start(0, PASSWORD, file).close());

        assertEquals("dn: cn=broken\nthis is not LDIF\n", Files.readString(file));
    }

    @Test
    void aRefusedChangeIsNotWritten() throws Exception {
        Path file = state.resolve("directory.ldif");
        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection asAlice = new LDAPConnection("127.0.0.1", directory.port(),
                     "uid=alice,ou=people," + EmbeddedDirectory.BASE_DN, "password")) {
            assertThrows(LDAPException.class, () -> asAlice.delete(LEGACY_FAX));
        }

        try (EmbeddedDirectory directory = EmbeddedDirectory.start(0, PASSWORD, file);
             LDAPConnection admin = admin(directory)) {
            assertNotNull(admin.getEntry(LEGACY_FAX));
        }
    }

    private static LDAPConnection admin(EmbeddedDirectory directory) throws LDAPException {
        return new LDAPConnection("127.0.0.1", directory.port(), EmbeddedDirectory.ADMIN_DN, PASSWORD);
    }

    private static Entry application(String name, String network) {
        Entry entry = new Entry("cn=" + name + "," + APPLICATIONS);
        entry.addAttribute("objectClass", "pslSenderApplication");
        entry.addAttribute("cn", name);
        entry.addAttribute("pslStatus", "active");
        entry.addAttribute("pslNetwork", network);
        return entry;
    }
}
