package io.netpulse.app;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Kafka Streams settings of this instance.
 *
 * @param applicationId       shared by all instances
 * @param applicationServer   this instance's peer listener as other instances reach it
 * @param processingGuarantee exactly_once_v2 or at_least_once
 * @param numStandbyReplicas  standby copies of each store
 * @param rocksDbMemoryBytes  bound of all RocksDB memory in the JVM
 * @param metricsMaxSources   per netpulse counter, the sources with their own series
 * @param allKafkaMetrics     every Kafka metric at /observe/metrics, not only the essential ones
 */
public record StreamsInstanceConfig(String applicationId, HostInfo applicationServer, String processingGuarantee,
                                    int numStandbyReplicas, long rocksDbMemoryBytes, int metricsMaxSources,
                                    boolean allKafkaMetrics) {

    static StreamsInstanceConfig read(ConfigSource source, int httpPort) {
        return new StreamsInstanceConfig(source.get(ConfigKey.APPLICATION_ID), applicationServer(source, httpPort),
                source.get(ConfigKey.PROCESSING_GUARANTEE), source.get(ConfigKey.NUM_STANDBY_REPLICAS),
                source.get(ConfigKey.ROCKSDB_MEMORY), source.get(ConfigKey.METRICS_MAX_SOURCES),
                source.get(ConfigKey.METRICS_KAFKA).equals("all"));
    }

    /**
     * Where the peer listener listens and other instances reach it: application.server, by default the HTTP
     * port plus one on localhost (a single instance). Its port is the peer listener's own, never http.port.
     */
    private static HostInfo applicationServer(ConfigSource source, int httpPort) {
        if (!source.isSet(ConfigKey.APPLICATION_SERVER)) {
            if (httpPort == 65_535) {
                throw source.invalid(ConfigKey.HTTP_PORT, "leaves no port for the peer listener (http.port + 1);"
                        + " set application.server");
            }
            return new HostInfo("localhost", httpPort + 1);
        }
        HostInfo advertised = source.get(ConfigKey.APPLICATION_SERVER);
        if (advertised.port() == httpPort) {
            throw source.invalid(ConfigKey.APPLICATION_SERVER, "its port is http.port's; the peer listener, which"
                    + " other instances reach at application.server, needs a port of its own");
        }
        return advertised;
    }
}
