package org.passerelle.ldap;

import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded directory's whole tree as one LDIF file, so that the run mode keeps its changes
 * across restarts. The file is replaced atomically (written beside it, synced, renamed), so a
 * crash leaves either the previous tree or the new one, never half of one.
 */
final class DirectoryStateFile {

    private final Path file;
    private final Path temporary;

    DirectoryStateFile(Path file) {
        this.file = file.toAbsolutePath();
        this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Replaces the server's tree with the file's. */
    void loadInto(InMemoryRequestHandler directory) throws LDAPException {
        try {
            directory.importFromLDIF(true, new LDIFReader(file.toFile()));
        } catch (IOException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the server's tree, operational attributes included (creation and modification times survive). */
    synchronized void save(InMemoryRequestHandler directory) throws LDAPException {
        try {
            write(directory);
        } catch (IOException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves after a change made in memory: a failure is reported on stderr, and the next change saves again. */
    void saveAfterChange(InMemoryRequestHandler directory) {
        try {
            save(directory);
        } catch (LDAPException e) {
            System.err.println("embedded directory: the last change is in memory only: " + e.getMessage());
        }
    }

    private void write(InMemoryRequestHandler directory) throws IOException, LDAPException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(temporary);
        // people's passwords are in the tree: readable by the owner only
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
            LDIFWriter writer = new LDIFWriter(out);
            directory.exportToLDIF(writer, false, true, false);
            writer.flush();
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
