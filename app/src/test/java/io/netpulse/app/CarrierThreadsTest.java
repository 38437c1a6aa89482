package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Four carriers per core by default; a scheduler setting given to the JVM is kept as it is. */
class CarrierThreadsTest {

    @Test
    void fourCarriersPerCoreUnlessTheJvmWasToldOtherwise() {
        Properties twoCores = new Properties();
        CarrierThreads.configure(twoCores, 2);
        Properties oneCore = new Properties();
        CarrierThreads.configure(oneCore, 1);
        Properties told = new Properties();
        told.setProperty("jdk.virtualThreadScheduler.parallelism", "3");
        CarrierThreads.configure(told, 16);

        assertThat(twoCores.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("8");
        assertThat(oneCore.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("4");
        assertThat(told.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("3");
    }
}
