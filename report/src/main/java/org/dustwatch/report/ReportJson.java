package org.dustwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The report's JSON: every number of a {@link CampaignReport}, dates as ISO-8601 strings, for
 * analysts' own tools. One mapper, so that the command, the renderer and the tests agree.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ReportJson() {}

    /** A mapper configured for the report (a copy: callers may change theirs). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** The report as indented JSON. */
    public static String write(CampaignReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report read back from its JSON. */
    public static CampaignReport read(String json) {
        try {
            return MAPPER.readValue(json, CampaignReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
