package io.netpulse.app;

import io.netpulse.topology.BoundedRocksDbMemory;
import io.netpulse.topology.TopologyMetrics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of an instance. Handlers, each chosen for a reason:
 * <ul>
 *   <li>deserialization: {@link NetpulseDeserializationExceptionHandler}, since a record that cannot be read
 *       is one bad record, not a reason to stop: it lands in the dead-letter topic with its coordinates; but a
 *       schema registry outage fails the thread rather than skip valid records;</li>
 *   <li>processing: {@link NetpulseProcessingExceptionHandler}: a record that makes a processor throw goes to
 *       the dead-letter topic and processing goes on, but a schema registry outage fails the task, since no
 *       record is to blame and dead-lettering would lose valid ones; enabled for the global thread too, so one
 *       bad inventory record cannot stop the directory;</li>
 *   <li>production: {@link DeadLetterProductionExceptionHandler}: a record the topology cannot serialize, or
 *       one too large to send, goes to the dead-letter topic and processing goes on; another failed send is
 *       retried or fails the thread, since skipping it would lose output silently;</li>
 *   <li>clients: {@link NetpulseClientSupplier}, whose producer fits every dead letter to what the producer and
 *       the dead-letter topic accept ({@link DeadLetterBound}) and refuses any other oversized record before
 *       it can poison a transaction: no record's size stops a thread.</li>
 * </ul>
 * The main consumer is a static member of the group with {@code session.timeout} and {@code heartbeat.interval}
 * (its {@code group.instance.id} is added by {@link #of(AppConfig, String, String, int)}). No default serdes
 * are set: every topic and store names its own. The {@code kafka.*} passthrough comes last and wins.
 */
final class StreamsProperties {

    /** Stream threads of an instance unless {@code kafka.num.stream.threads} says otherwise. */
    static final int DEFAULT_STREAM_THREADS = 2;
    /** Commit interval unless {@code kafka.commit.interval.ms} says otherwise. */
    static final long DEFAULT_COMMIT_INTERVAL_MS = 1_000;
    /** Kafka's value of {@code statestore.uncommitted.max.bytes} that turns its check off. */
    static final long NO_UNCOMMITTED_BYTES_CHECK = -1;
    /** How long the global and restore consumers' fetches wait for data at the broker (milliseconds). */
    static final int RESTORE_FETCH_MAX_WAIT_MS = 50;

    private StreamsProperties() {
    }

    /** The properties known from the configuration alone. */
    static Properties of(AppConfig config, String bootstrapServers) {
        StreamsInstanceConfig streams = config.streams();
        String deadLetter = config.topics().names().deadLetter();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                streams.applicationServer().host() + ":" + streams.applicationServer().port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve("streams").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, streams.processingGuarantee());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.numStandbyReplicas());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetter);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                NetpulseDeserializationExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                NetpulseProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams' partition assignor reads its own StreamsConfig from the main consumer's configuration, which
        // only carries consumer keys: without this it warns at every start that the handler above is off.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionExceptionHandler.class.getName());
        props.put(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, NetpulseClientSupplier.class.getName());
        props.put(DeadLetterBound.TOPIC_CONFIG, deadLetter);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) config.membership().sessionTimeout().toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) config.membership().heartbeatInterval().toMillis());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, streams.rocksDbMemoryBytes());
        // INFO (Kafka's default, stated): the metrics an operator needs, RocksDB's property-based ones included,
        // without the per-record cost of DEBUG.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, Sensor.RecordingLevel.INFO.name);
        props.put(TopologyMetrics.MAX_SOURCES_CONFIG, streams.metricsMaxSources());
        // Throughput, measured with ./netpulse bench (docs/operations.md#throughput): two stream threads use both
        // cores of a small machine (and open stores in parallel on a restart); under exactly-once a commit every
        // second rather than Kafka's 100 ms ends a tenth of the transactions and lets the record caches absorb ten
        // times more updates before they reach RocksDB and the changelogs. Output topics' records become visible
        // to read_committed consumers up to a second later; queries read the stores and see every record at once.
        // kafka.num.stream.threads and kafka.commit.interval.ms override both.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, DEFAULT_STREAM_THREADS);
        // Restart time (docs/operations.md): a consumer keeps a fetch open at the broker for up to
        // fetch.max.wait.ms (Kafka's 500 ms) while its partitions have nothing new, and its next request waits
        // behind it. The global consumer restores the directory one partition after the other, and the restore
        // consumer is handed the changelogs of each task as it opens: 500 ms per partition and per task. The
        // main consumer keeps Kafka's default.
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                RESTORE_FETCH_MAX_WAIT_MS);
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                RESTORE_FETCH_MAX_WAIT_MS);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        // Kafka 4.4 commits early once transactional state stores hold statestore.uncommitted.max.bytes, and checks
        // it by asking every store of every task on each loop of a stream thread (3 % of their samples in a
        // profile of the flows). netpulse's stores are not transactional (Kafka's default), so they never hold
        // uncommitted bytes and the check is off, unless kafka.enable.transactional.statestores turns them on.
        if (!Boolean.parseBoolean(config.kafka().passthrough().get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG))) {
            props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, NO_UNCOMMITTED_BYTES_CHECK);
        }
        props.putAll(config.kafka().passthrough());
        return props;
    }

    /**
     * {@link #of(AppConfig, String)} with what is only known once the instance runs: its static member id
     * ({@link StaticMembership#resolve}) and the dead-letter topic's {@code max.message.bytes} as the broker reports
     * it ({@link TopicSetup#maxMessageBytes}), the second bound of every dead letter besides the producer's
     * {@code max.request.size}.
     */
    static Properties of(AppConfig config, String bootstrapServers, String instanceId, int deadLetterMaxMessageBytes) {
        Properties props = of(config, bootstrapServers);
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(DeadLetterBound.TOPIC_MAX_MESSAGE_BYTES_CONFIG, deadLetterMaxMessageBytes);
        return props;
    }
}
