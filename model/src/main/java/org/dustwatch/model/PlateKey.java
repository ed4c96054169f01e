package org.dustwatch.model;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key under which licence plates are replaced by a keyed hash (HMAC-SHA256) before
 * anything leaves Kafka. The same plate under the same key always gives the same hash, so repeat
 * offenders can be matched; without the key nobody can test a guessed plate against a hash, which a
 * plain hash of the small plate space would allow.
 *
 * <p>Serializable so that it ships to the tasks inside a decoder factory; {@link #toString()} never
 * shows the key.
 */
public final class PlateKey implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Shorter keys are refused: 16 bytes is the least an HMAC-SHA256 key should carry. */
    public static final int MIN_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";

    /** Bytes of the MAC kept in the hash: 128 bits, as hex, leave no collision in any district. */
    private static final int HASH_BYTES = 16;

    private final byte[] key;
    private final String source;

    private PlateKey(byte[] key, String source) {
        this.key = key;
        this.source = source;
    }

    /**
     * @param key the key's bytes, at least {@link #MIN_BYTES}
     * @param source where it came from (a file or variable name, never the value), for messages
     */
    public static PlateKey of(byte[] key, String source) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "the plate key from "
                            + source
                            + " has "
                            + key.length
                            + " bytes; it needs at least "
                            + MIN_BYTES
                            + " (make one with: head -c 32 /dev/urandom | base64)");
        }
        return new PlateKey(key.clone(), source);
    }

    /** A new hasher; thread-confined, so build one per task. */
    public Hasher hasher() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return new Hasher(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no " + ALGORITHM, e);
        }
    }

    /**
     * The form of a plate that is hashed: letters in upper case, and spaces, hyphens and middle
     * dots removed, so that {@code 冀A·12345}, {@code 冀a 12345} and {@code 冀A-12345} match.
     */
    public static String normalize(String plate) {
        StringBuilder b = new StringBuilder(plate.length());
        plate.codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != '-' && c != '·' && c != '•')
                .forEach(b::appendCodePoint);
        return b.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "****(" + source + ")";
    }

    /** Hashes plates with one {@link Mac}; not thread-safe. */
    public static final class Hasher {
        private static final HexFormat HEX = HexFormat.of();
        private final Mac mac;

        private Hasher(Mac mac) {
            this.mac = mac;
        }

        /** 32 hex digits: the first 128 bits of HMAC-SHA256(key, normalized plate as UTF-8). */
        public String hash(String plate) {
            byte[] mac = this.mac.doFinal(normalize(plate).getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(mac, 0, HASH_BYTES);
        }
    }
}
