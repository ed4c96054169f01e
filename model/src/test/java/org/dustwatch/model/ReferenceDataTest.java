package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {

    @Test
    void theBundledDistrictIsLargeEnoughForARealisticCampaign() {
        ReferenceData d = ReferenceData.bundled();

        assertThat(d.townships()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(d.roads()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(d.checkpoints()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(d.stations()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(d.checkpoints())
                .extracting(Checkpoint::type)
                .contains(CheckpointType.FIXED, CheckpointType.MOBILE);
        // Every township with a checkpoint also has a station, so rates and air can be compared.
        assertThat(d.stations().stream().map(Station::township))
                .containsAll(d.checkpoints().stream().map(Checkpoint::township).toList());
    }

    @Test
    void loadsAUsersFilesWithQuotedFields(@TempDir Path dir) throws Exception {
        Path cps = dir.resolve("cp.csv");
        Path sts = dir.resolve("st.csv");
        Files.writeString(
                cps,
                "id,name,road,township,type,lat,lon\n"
                        + "K1,\"Post \"\"North\"\", gate 2\",Ring Road,Alpha,MOBILE,30.5,120.25\n");
        Files.writeString(
                sts, "# my stations\nid,name,township,lat,lon\nS1,Alpha school,Alpha,30.4,120.1\n");

        ReferenceData d = ReferenceData.loadOrBundled(cps, sts);

        assertThat(d.checkpoint("K1"))
                .isEqualTo(
                        new Checkpoint(
                                "K1",
                                "Post \"North\", gate 2",
                                "Ring Road",
                                "Alpha",
                                CheckpointType.MOBILE,
                                30.5,
                                120.25));
        assertThat(d.station("S1").township()).isEqualTo("Alpha");
        assertThat(d.checkpoint("CP-01")).isNull();
    }

    @Test
    void badFilesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path cps = dir.resolve("cp.csv");
        Path sts = dir.resolve("st.csv");
        Files.writeString(sts, "id,name,township,lat,lon\nS1,A,Alpha,30.4,120.1\n");

        Files.writeString(cps, "id,name,road,township,type,lat,lon\nK1,A,R,T,FIXED,95,120\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(cps + ":2: lat 95.0 is outside [-90.0, 90.0]");

        Files.writeString(cps, "id,name,road,township,type,lat,lon\nK1,A,R,T,PARKED,30,120\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(cps + ":2: type 'PARKED' is not FIXED or MOBILE");

        Files.writeString(
                cps,
                "id,name,road,township,type,lat,lon\nK1,A,R,T,FIXED,30,120\nK1,B,R,T,FIXED,30,120\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(cps + ":3: duplicate checkpoint id 'K1'");

        Files.writeString(cps, "id;name\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessageContaining(cps + ":1: expected the header");

        assertThatThrownBy(() -> ReferenceData.loadOrBundled(cps, null))
                .hasMessage("give both the checkpoints and the stations file, or neither");
    }

    @Test
    void stationsMayDeclareTheirPeriodStampAndPlan(@TempDir Path dir) throws Exception {
        Path cps = dir.resolve("cp.csv");
        Path sts = dir.resolve("st.csv");
        Files.writeString(cps, "id,name,road,township,type,lat,lon\nK1,A,R,T,FIXED,30,120\n");
        Files.writeString(
                sts,
                "id,name,township,lat,lon,period,stamp,plan\n"
                        + "S1,A,Alpha,30.4,120.1,PT1H,END,pm25 pm10\n"
                        + "S2,B,Alpha,30.4,120.1,,,\n");

        ReferenceData d = ReferenceData.load(cps, sts);

        assertThat(d.station("S1").period()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(d.station("S1").stamp()).isEqualTo(Stamp.END);
        assertThat(d.station("S1").plan()).containsExactlyInAnyOrder(Quantity.PM25, Quantity.PM10);
        assertThat(d.station("S2").period()).isNull();
        assertThat(d.station("S2").stamp()).isNull();
        assertThat(d.station("S2").plan()).isEqualTo(Station.ALL_POLLUTANTS);

        String head = "id,name,township,lat,lon,period,stamp,plan\n";
        Files.writeString(sts, head + "S1,A,Alpha,30.4,120.1,PT2H,,\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(sts + ":2: period PT2H is not whole seconds from PT1S to PT1H");
        Files.writeString(sts, head + "S1,A,Alpha,30.4,120.1,5min,,\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(sts + ":2: period '5min' is not an ISO-8601 duration such as PT5M");
        Files.writeString(sts, head + "S1,A,Alpha,30.4,120.1,,middle,\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(sts + ":2: stamp 'middle' is not start or end");
        Files.writeString(sts, head + "S1,A,Alpha,30.4,120.1,,,pm25 temp_c\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(
                        sts
                                + ":2: plan names 'temp_c', which is not one of pm25 pm10 so2 no2"
                                + " co o3");
        Files.writeString(sts, head + "S1,A,Alpha,30.4,120.1\n");
        assertThatThrownBy(() -> ReferenceData.load(cps, sts))
                .hasMessage(sts + ":2: expected 8 fields, found 5");
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        ReferenceData d = ReferenceData.bundled();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        ReferenceData back;
        try (ObjectInputStream in =
                new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ReferenceData) in.readObject();
        }
        assertThat(back.checkpoints()).containsExactlyElementsOf(d.checkpoints());
        assertThat(back.stations()).containsExactlyElementsOf(d.stations());
    }
}
