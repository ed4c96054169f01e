package org.dustwatch.connectors.influxdb;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * The writer's checkpointed state: the lines not yet acknowledged, in order, each as its UTF-8
 * bytes with their length. Version 1.
 */
@Internal
final class LineStateSerializer extends AsyncSinkWriterStateSerializer<String> {

    @Override
    protected void serializeRequestToStream(String line, DataOutputStream out) throws IOException {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @Override
    protected String deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt writer state: a line of " + n + " bytes");
        }
        byte[] utf8 = new byte[n];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
