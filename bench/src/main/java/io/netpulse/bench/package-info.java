/**
 * {@code ./netpulse bench}: how fast netpulse turns a realistic input into answers, against a plain consumer of the
 * same topic in the same run ({@link io.netpulse.bench.Bench}), and JMH microbenchmarks of the hot paths
 * ({@link io.netpulse.bench.jmh}). Nothing here is a test: it times things, and prints ratios rather than judging
 * absolute figures of a shared machine.
 */
package io.netpulse.bench;
