package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectionDecoderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T01:00:00Z"), ZoneOffset.UTC);
    static final InspectionDecoder DECODER =
            new InspectionDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);

    static final String VALID =
            "{\"eventId\":\"CP07-000123\",\"checkpointId\":\"CP-07\","
                    + "\"ts\":\"2026-11-28T08:30:15.123+08:00\",\"plate\":\"A12345\","
                    + "\"vehicleType\":\"HEAVY_TRUCK\",\"cargo\":\"COAL\","
                    + "\"violations\":[\"UNCOVERED\",\"SPILLAGE\"],\"fineYuan\":200}";

    static Decoded<Inspection> decode(String json) {
        return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheContractExampleAndEnrichesIt() {
        Decoded<Inspection> d = decode(VALID);

        assertThat(d).isInstanceOf(Decoded.Ok.class);
        Inspection i = ((Decoded.Ok<Inspection>) d).value();
        Checkpoint cp = ReferenceData.bundled().checkpoint("CP-07");
        assertThat(i)
                .isEqualTo(
                        new Inspection(
                                "CP07-000123",
                                "CP-07",
                                Instant.parse("2026-11-28T00:30:15.123Z").toEpochMilli(),
                                VehicleType.HEAVY_TRUCK,
                                Cargo.COAL,
                                Violation.UNCOVERED.bit() | Violation.SPILLAGE.bit(),
                                200,
                                cp.road(),
                                cp.township(),
                                null));
        assertThat(i.violating()).isTrue();
        assertThat(i.has(Violation.SPILLAGE)).isTrue();
        assertThat(i.has(Violation.OVERLOAD)).isFalse();
    }

    @Test
    void aRevisionIsOptionalAndZeroWhenAbsent() {
        assertThat(((Decoded.Ok<Inspection>) decode(VALID)).value().revision()).isZero();
        for (int revision : new int[] {0, 1, 7, Integer.MAX_VALUE}) {
            Decoded<Inspection> d =
                    decode(
                            VALID.replace(
                                    "{\"eventId\"", "{\"revision\":" + revision + ",\"eventId\""));
            assertThat(d).isInstanceOf(Decoded.Ok.class);
            Inspection i = ((Decoded.Ok<Inspection>) d).value();
            assertThat(i.revision()).isEqualTo(revision);
            assertThat(i.eventId()).isEqualTo("CP07-000123");
        }
    }

    @Test
    void replacesThePlateByItsKeyedHashOrDropsItWithoutAKey() {
        PlateKey key = PlateKey.of("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), "test");
        InspectionDecoder keyed =
                new InspectionDecoder(
                        ReferenceData.bundled(), DecoderOptions.defaults(), key, CLOCK);

        Inspection i =
                ((Decoded.Ok<Inspection>) keyed.decode(VALID.getBytes(StandardCharsets.UTF_8)))
                        .value();

        assertThat(i.plateHash()).isEqualTo(key.hasher().hash("A12345"));
        assertThat(i.toString()).doesNotContain("A12345");
        assertThat(((Decoded.Ok<Inspection>) decode(VALID)).value().plateHash()).isNull();
    }

    @Test
    void acceptsEpochMillisAndAnEmptyViolationList() {
        String json =
                VALID.replace("\"2026-11-28T08:30:15.123+08:00\"", "1764289815123")
                        .replace("[\"UNCOVERED\",\"SPILLAGE\"]", "[]")
                        .replace("200", "0");

        Decoded<Inspection> d = decode(json);

        assertThat(d).isInstanceOf(Decoded.Ok.class);
        Inspection i = ((Decoded.Ok<Inspection>) d).value();
        assertThat(i.ts()).isEqualTo(1764289815123L);
        assertThat(i.violations()).isZero();
        assertThat(i.violating()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            truncated        | {"eventId":"x"                                  | MALFORMED_JSON
            not an object    | [1,2]                                           | MALFORMED_JSON
            NaN literal      | {"eventId":NaN}                                 | MALFORMED_JSON
            trailing garbage | VALID}                                          | MALFORMED_JSON
            missing plate    | -"plate":"A12345",                              | MISSING_FIELD
            null cargo       | "cargo":"COAL"=>"cargo":null                     | MISSING_FIELD
            unknown field    | "fineYuan":200=>"fineYuan":200,"colour":"red"   | UNKNOWN_FIELD
            fine as string   | "fineYuan":200=>"fineYuan":"200"                | WRONG_TYPE
            violations object| ["UNCOVERED","SPILLAGE"]=>{}                    | WRONG_TYPE
            unknown cargo    | "COAL"=>"GOLD"                                  | UNKNOWN_ENUM
            unknown violation| "SPILLAGE"=>"SPEEDING"                          | UNKNOWN_ENUM
            lower-case enum  | "COAL"=>"coal"                                  | UNKNOWN_ENUM
            negative fine    | "fineYuan":200=>"fineYuan":-5                   | IMPOSSIBLE_VALUE
            huge fine        | "fineYuan":200=>"fineYuan":99999999999999999999999 | IMPOSSIBLE_VALUE
            fine w/o viol.   | ["UNCOVERED","SPILLAGE"]=>[]                    | IMPOSSIBLE_VALUE
            repeated viol.   | "SPILLAGE"]=>"SPILLAGE","UNCOVERED"]            | IMPOSSIBLE_VALUE
            control char     | A12345=>A1\\u00012345                            | IMPOSSIBLE_VALUE
            year 1970        | 2026-11-28T08=>1970-01-01T08                    | IMPOSSIBLE_VALUE
            no offset        | 08:30:15.123+08:00=>08:30:15                    | BAD_TIMESTAMP
            year 9999        | 2026-11-28T08=>9999-11-28T08                    | FUTURE_TIMESTAMP
            one hour ahead   | 2026-11-28T08:30=>2026-11-28T10:01              | FUTURE_TIMESTAMP
            unknown id       | CP-07"=>CP-999"                                 | UNKNOWN_ID
            name twice       | "fineYuan":200=>"fineYuan":200,"fineYuan":200   | DUPLICATE_FIELD
            name twice, 1st bad | "eventId":=>"fineYuan":-5,"eventId":         | DUPLICATE_FIELD
            unknown name twice | "fineYuan":200=>"fineYuan":200,"x":1,"x":2    | DUPLICATE_FIELD
            nested name twice| "fineYuan":200=>"fineYuan":{"a":[{"b":1,"b":1}]} | DUPLICATE_FIELD
            twice, cut short | "fineYuan":200}=>"fineYuan":200,"fineYuan":2   | MALFORMED_JSON
            lone high escape | A12345=>A\\ud800                              | MALFORMED_JSON
            lone low escape  | A12345=>\\udc00A                              | MALFORMED_JSON
            high at the end  | CP07-000123=>CP07\\ud83d                      | MALFORMED_JSON
            lone, and control| A12345=>A\\u0001\\ud800                     | MALFORMED_JSON
            lone in a name   | "plate"=>"pl\\ud800ate"                       | MALFORMED_JSON
            lone, wrong type | "fineYuan":200=>"fineYuan":"\\ud800"          | MALFORMED_JSON
            lone after reject| "COAL"=>"GOLD","x":"\\udfff"                  | MALFORMED_JSON
            two objects      | VALID{}                                         | MALFORMED_JSON
            two after reject | "COAL"=>"GOLD"}{"a":1                           | MALFORMED_JSON
            negative revision| "fineYuan":200=>"fineYuan":200,"revision":-1   | IMPOSSIBLE_VALUE
            revision 2^31    | "fineYuan":200=>"fineYuan":200,"revision":2147483648 | IMPOSSIBLE_VALUE
            huge revision    | "fineYuan":200=>"fineYuan":200,"revision":99999999999999999999999 | IMPOSSIBLE_VALUE
            revision 1.5     | "fineYuan":200=>"fineYuan":200,"revision":1.5  | WRONG_TYPE
            revision 1.0     | "fineYuan":200=>"fineYuan":200,"revision":1.0  | WRONG_TYPE
            revision string  | "fineYuan":200=>"fineYuan":200,"revision":"1"  | WRONG_TYPE
            revision null    | "fineYuan":200=>"fineYuan":200,"revision":null | MISSING_FIELD
            revision twice   | "fineYuan":200=>"fineYuan":200,"revision":1,"revision":2 | DUPLICATE_FIELD
            """)
    void rejectsWithTheRightReason(String name, String edit, RejectReason expected) {
        Decoded<Inspection> d = decode(apply(edit));

        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        Decoded.Rejected<Inspection> r = (Decoded.Rejected<Inspection>) d;
        assertThat(r.reason()).as(r.detail()).isEqualTo(expected);
        assertThat(r.detail()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void acceptsAPairedSurrogateEscapedOrRaw() {
        for (String plate : new String[] {"A\\ud83d\\ude00", "A\ud83d\ude00"}) {
            Decoded<Inspection> d = decode(apply("A12345=>" + plate));
            assertThat(d).as(plate).isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void refusesAByteOrderMarkAndUtf16NamingThem() {
        byte[] json = apply("VALID").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bom = new byte[json.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, bom, 3, json.length);
        assertThat(DECODER.decode(bom))
                .isEqualTo(
                        Decoded.rejected(
                                RejectReason.MALFORMED_JSON,
                                "begins with a UTF-8 byte-order mark (EF BB BF): JSON sent over a"
                                        + " network must not (RFC 8259 8.1)"));
        for (java.nio.charset.Charset utf16 :
                new java.nio.charset.Charset[] {
                    java.nio.charset.StandardCharsets.UTF_16,
                    java.nio.charset.StandardCharsets.UTF_16LE,
                    java.nio.charset.StandardCharsets.UTF_16BE
                }) {
            Decoded<Inspection> d = DECODER.decode(apply("VALID").getBytes(utf16));
            assertThat(d).isInstanceOf(Decoded.Rejected.class);
            assertThat(((Decoded.Rejected<Inspection>) d).detail()).startsWith("not UTF-8");
        }
    }

    @Test
    void rejectsOversizedRecordsBeforeParsing() {
        byte[] big = new byte[DecoderOptions.DEFAULT_MAX_RECORD_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        Decoded<Inspection> d = DECODER.decode(big);

        assertThat(d)
                .isEqualTo(
                        Decoded.rejected(
                                RejectReason.OVERSIZED,
                                "record is 16385 bytes, the limit is 16384"));
    }

    @Test
    void rejectsInvalidUtf8AndDeepNestingAsMalformed() {
        byte[] invalid = VALID.getBytes(StandardCharsets.UTF_8);
        invalid[20] = (byte) 0xC3;
        invalid[21] = (byte) 0x28;
        String deep = "{\"eventId\":" + "[".repeat(50) + "]".repeat(50) + "}";

        assertThat(((Decoded.Rejected<Inspection>) DECODER.decode(invalid)).reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(((Decoded.Rejected<Inspection>) decode(deep)).reason())
                .isIn(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE);
    }

    /** "VALID}" appends; "-x" removes x; "a=>b" replaces a with b in the valid record. */
    static String apply(String edit) {
        if (edit.startsWith("VALID")) {
            return VALID + edit.substring(5);
        }
        if (edit.startsWith("-")) {
            return VALID.replace(edit.substring(1), "");
        }
        int arrow = edit.indexOf("=>");
        if (arrow < 0) {
            return edit;
        }
        String from = edit.substring(0, arrow);
        String to = edit.substring(arrow + 2).replace("\\\\u0001", "\\u0001");
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }
}
