/**
 * JMH microbenchmarks of netpulse's hot paths, one class per stage of a record's life: parsing each exporter's
 * format ({@link io.netpulse.bench.jmh.ParseBenchmark}) and the per-record arithmetic of the aggregates
 * ({@link io.netpulse.bench.jmh.AggregateBenchmark}). Run with {@code ./netpulse bench jmh}.
 */
package io.netpulse.bench.jmh;
