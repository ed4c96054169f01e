package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackCliTest {

    @Test
    void badUsageExitsWithTwo() {
        assertThat(StackCli.run(new String[] {})).isEqualTo(2);
        assertThat(StackCli.run(new String[] {"restart"})).isEqualTo(2);
        assertThat(StackCli.run(new String[] {"start", "--kafka-port", "80"})).isEqualTo(2);
        assertThat(StackCli.run(new String[] {"start", "--colour"})).isEqualTo(2);
    }

    @Test
    void helpExitsWithZero() {
        assertThat(StackCli.run(new String[] {"--help"})).isZero();
    }
}
