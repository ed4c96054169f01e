package org.dustwatch.connectors.influxdb;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * What a writer needs from its task, for tests: a real mailbox whose thread is the test's (so the
 * writer's completions run when the test lets them), and the test's processing time.
 */
final class TestWriterContext implements WriterInitContext {
    private final MailboxExecutorImpl mailbox =
            new MailboxExecutorImpl(
                    new TaskMailboxImpl(Thread.currentThread()),
                    0,
                    StreamTaskActionExecutor.IMMEDIATE);
    private final ProcessingTimeService time;
    private final SinkWriterMetricGroup metrics =
            InternalSinkWriterMetricGroup.wrap(
                    UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());

    TestWriterContext(ProcessingTimeService time) {
        this.time = time;
    }

    /** Runs the writer's mails until it has no request in flight and no mail is left. */
    void settle(InfluxDbWriter<?> w) throws InterruptedException {
        do {
            while (w.inFlight() > 0) {
                mailbox.yield();
            }
        } while (mailbox.tryYield());
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        return mailbox;
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        return time;
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metrics;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.empty();
    }

    @Override
    public JobInfo getJobInfo() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TaskInfo getTaskInfo() {
        throw new UnsupportedOperationException();
    }
}
