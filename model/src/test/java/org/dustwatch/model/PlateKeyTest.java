package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PlateKeyTest {

    static final byte[] KEY = "a district's secret plate key".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHashIsTheFirst128BitsOfHmacSha256OfTheNormalizedPlate() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected =
                HexFormat.of()
                        .formatHex(mac.doFinal("冀A12345".getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 32);

        assertThat(PlateKey.of(KEY, "test").hasher().hash("冀A12345")).isEqualTo(expected);
    }

    @Test
    void spellingsOfOnePlateMatchAndOtherPlatesOrKeysDoNot() {
        PlateKey.Hasher h = PlateKey.of(KEY, "test").hasher();
        String hash = h.hash("冀A12345");

        assertThat(h.hash("冀a 12345")).isEqualTo(hash);
        assertThat(h.hash("冀A·12345")).isEqualTo(hash);
        assertThat(h.hash("冀A-123 45")).isEqualTo(hash);
        assertThat(h.hash("冀A12346")).isNotEqualTo(hash);
        assertThat(h.hash("京A12345")).isNotEqualTo(hash);
        assertThat(
                        PlateKey.of("another key of enough length".getBytes(), "t")
                                .hasher()
                                .hash("冀A12345"))
                .isNotEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{32}");
    }

    @Test
    void aShortKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> PlateKey.of("short-secret".getBytes(), "file:/etc/plate.key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:/etc/plate.key")
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void theKeyNeverShowsInTextAndSurvivesSerialization() throws Exception {
        PlateKey key = PlateKey.of(KEY, "env:DUSTWATCH_PLATE_KEY");
        assertThat(key.toString()).isEqualTo("****(env:DUSTWATCH_PLATE_KEY)");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        PlateKey copy =
                (PlateKey)
                        new java.io.ObjectInputStream(
                                        new java.io.ByteArrayInputStream(bytes.toByteArray()))
                                .readObject();
        assertThat(copy.hasher().hash("冀B55555")).isEqualTo(key.hasher().hash("冀B55555"));
    }
}
