package org.dustwatch.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlateKeyTest {

    @Test
    void madeOnceAs32RandomBytesInBase64ReadableByItsOwnerOnly(@TempDir Path home)
            throws Exception {
        Path key = LocalPlateKey.ensure(home.resolve("new"));

        String text = Files.readString(key);
        assertThat(text).endsWith("\n").hasLineCount(1);
        assertThat(Base64.getDecoder().decode(text.strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        // Kept: the next run hashes plates as this one did.
        assertThat(Files.readString(LocalPlateKey.ensure(home.resolve("new")))).isEqualTo(text);
    }

    @Test
    void anEmptyKeyFileIsReplaced(@TempDir Path home) throws Exception {
        Files.createFile(home.resolve("plate.key"));

        assertThat(Files.size(LocalPlateKey.ensure(home))).isEqualTo(45);
    }

    @Test
    void configuredByAFlagASettingsFileOrTheEnvironment() {
        assertThat(LocalPlateKey.configured(false, false, Map.of())).isFalse();
        assertThat(LocalPlateKey.configured(true, false, Map.of())).isTrue();
        assertThat(LocalPlateKey.configured(false, true, Map.of())).isTrue();
        assertThat(LocalPlateKey.configured(false, false, Map.of("DUSTWATCH_PLATE_KEY", "k")))
                .isTrue();
        assertThat(
                        LocalPlateKey.configured(
                                false, false, Map.of("DUSTWATCH_PLATES_KEY_FILE", "/k")))
                .isTrue();
        assertThat(LocalPlateKey.configured(false, false, Map.of("DUSTWATCH_PLATES_KEY_ENV", "V")))
                .isTrue();
        assertThat(LocalPlateKey.configured(false, false, Map.of("DUSTWATCH_PLATE_KEY", "")))
                .isFalse();
    }
}
