package io.netpulse.app.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the issuer's files whole or not at all (a temporary file moved into place), owner-only where the file
 * system has POSIX permissions, so a crash never leaves half a key and other local users cannot read it.
 */
final class KeyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (owner-only when created here) if it does not exist. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Replaces {@code file} with {@code text}, readable by the owner only where the OS allows. */
    static void writeSecret(Path file, String text) throws IOException {
        write(file, text, true);
    }

    /**
     * Creates {@code file} holding {@code text}, owner-only where the OS allows, unless it exists already. The text
     * is written to a temporary file first and then hard-linked into place, which fails atomically when the file
     * exists: of several processes creating the same file at once exactly one wins, and no process ever reads a
     * half-written file.
     *
     * @return true when this call created the file, false when it existed
     * @throws IOException when the file system cannot hard-link (then create the file by other means first)
     */
    static boolean createSecret(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectory(dir);
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            throw new IOException("the file system of " + dir + " cannot hard-link, which creating " + file
                    + " safely needs", e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Replaces {@code file} with {@code text}, with default permissions. */
    static void writePublic(Path file, String text) throws IOException {
        write(file, text, false);
    }

    /** Warns when a secret file is readable by anyone but its owner. */
    static void warnIfShared(Path file) throws IOException {
        if (posix() && !OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("{} is readable by other users ({}); it holds a secret: chmod 600 it", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] attributes = secret && posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            if (!secret && posix()) {
                // createTempFile makes owner-only files; public files get the usual rw-r--r--.
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            if (secret && !posix()) {
                LOG.info("{}: this file system has no POSIX permissions; restrict access to it by hand", file);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
