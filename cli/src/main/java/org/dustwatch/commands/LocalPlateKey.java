package org.dustwatch.commands;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plate key of local runs (docs/operations.md, "Plates"). The job hashes plates under a key;
 * unless one is configured, a local run uses a random key of its own, made once and kept in {@code
 * $DUSTWATCH_HOME/plate.key}, so that hashes match from run to run.
 */
final class LocalPlateKey {

    /**
     * Variables that configure a key: the key itself (the default of {@code plates.key-env}), and
     * the settings {@code plates.key-file} and {@code plates.key-env} from the environment.
     */
    static final List<String> VARIABLES =
            List.of("DUSTWATCH_PLATE_KEY", "DUSTWATCH_PLATES_KEY_FILE", "DUSTWATCH_PLATES_KEY_ENV");

    private LocalPlateKey() {}

    /**
     * Whether the job already has a key, or may have: a {@code plates.key-*} flag, a settings file
     * (which may name one), or one of {@link #VARIABLES} set.
     */
    static boolean configured(boolean keyFlag, boolean settingsFile, Map<String, String> env) {
        return keyFlag
                || settingsFile
                || VARIABLES.stream().anyMatch(v -> !env.getOrDefault(v, "").isEmpty());
    }

    /**
     * {@code home/plate.key}, made if it is missing or empty: 32 random bytes in base64 on one
     * line, readable by its owner only (mode 600).
     */
    static Path ensure(Path home) throws IOException {
        Path key = home.resolve("plate.key");
        if (Files.exists(key) && Files.size(key) > 0) {
            return key;
        }
        Files.createDirectories(home);
        Files.deleteIfExists(key);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] line =
                (Base64.getEncoder().encodeToString(random) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
        try (SeekableByteChannel out =
                Files.newByteChannel(
                        key,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")))) {
            out.write(ByteBuffer.wrap(line));
        } catch (FileAlreadyExistsException raced) {
            // another run made it just now: use theirs
        }
        return key;
    }
}
