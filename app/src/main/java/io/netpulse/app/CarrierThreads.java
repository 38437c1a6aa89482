package io.netpulse.app;

import java.util.Properties;

/**
 * How many carrier threads run the HTTP server's virtual threads: four per core unless the JVM was started with
 * {@value #PROPERTY}. Virtual threads are not time-sliced, so on as many carriers as cores (the JDK's default) two
 * long answers (a day of minutes, a fan-out) hold both carriers of a two-core machine and every short answer waits
 * behind them; with more carriers than cores the operating system shares the cores among the answers under way,
 * as it would among platform threads. Measured in docs/listeners.md ("Carriers").
 */
final class CarrierThreads {

    /** The JDK's setting of the virtual thread scheduler's parallelism, read when the first virtual thread starts. */
    static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    /** Carriers per core. */
    static final int PER_CORE = 4;

    private CarrierThreads() {
    }

    /**
     * Sets {@value #PROPERTY} to {@value #PER_CORE} per core in {@code system} unless it is set already. Called
     * before anything starts a virtual thread, since the scheduler reads it once.
     */
    static void configure(Properties system, int cores) {
        if (system.getProperty(PROPERTY) == null) {
            system.setProperty(PROPERTY, Integer.toString(PER_CORE * Math.max(1, cores)));
        }
    }
}
