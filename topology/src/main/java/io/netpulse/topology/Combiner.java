package io.netpulse.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Sums the records of one key and second (and, where the value says more, one exporter) until Kafka Streams
 * commits, then forwards each sum once, so the repartition topic behind it carries one record per key, second and
 * commit instead of one per input record: a combiner, as in MapReduce. A sum is forwarded with the latest
 * timestamp of its records, which all fall in its second, so it lands in the same windows they would.
 *
 * <p>Nothing is lost or counted twice. The sums live in a store ({@link Sums}, in memory, not changelogged) that
 * Kafka Streams flushes at every commit before it writes the offsets or ends the transaction, exactly as it
 * flushes the record caches of its own aggregations; the flush forwards them, so they are part of the commit that
 * covers their input records. A crash between two commits loses the sums and replays their records from the last
 * committed offsets; a task closed dirty drops them likewise. Kafka Streams has no public hook that runs before
 * a commit, so this class uses the internal one its cached aggregations use ({@link CachedStateStore}) and sets
 * the forwarding node as their flush listeners do: the one place netpulse reaches into Kafka Streams' internals,
 * covered by {@code CombinerTest} against a real broker with exactly-once.
 *
 * <p>Memory is bounded: at {@value #MAX_SUMS} sums a task forwards what it holds at once. Per record: one hash
 * lookup and the sum.
 */
public final class Combiner<K, V> implements Processor<K, V, K, V> {

    /** Sums a task holds at most between two commits. */
    public static final int MAX_SUMS = 10_000;

    private final String storeName;
    private final Function<? super V, ?> alsoBy;
    private final BinaryOperator<V> sum;
    private Sums<K, V> sums;

    private Combiner(String storeName, Function<? super V, ?> alsoBy, BinaryOperator<V> sum) {
        this.storeName = storeName;
        this.alsoBy = alsoBy;
        this.sum = sum;
    }

    /**
     * Sums records of one key, second of their timestamp and {@code alsoBy} of their value with {@code sum} (which
     * must be associative and commutative: the order of records within a sum is lost); the sums live in a store
     * named {@code storeName}.
     */
    public static <K, V> ProcessorSupplier<K, V, K, V> perSecond(String storeName, Function<? super V, ?> alsoBy,
                                                                BinaryOperator<V> sum) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<K, V, K, V> get() {
                return new Combiner<>(storeName, alsoBy, sum);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(new SumsBuilder(storeName));
            }
        };
    }

    @Override
    public void init(ProcessorContext<K, V> context) {
        if (!(context instanceof InternalProcessorContext<K, V> internal)) {
            throw new IllegalStateException("a combiner needs Kafka Streams' own processor context, got "
                    + context.getClass().getName());
        }
        sums = context.getStateStore(storeName);
        sums.attach(internal, internal.currentNode());
    }

    @Override
    public void process(Record<K, V> record) {
        sums.add(record, new Second(Math.floorDiv(record.timestamp(), 1000L), alsoBy.apply(record.value())), sum);
        if (sums.size() >= MAX_SUMS) {
            sums.flushCache();
        }
    }

    /** The sums of one task between two commits; forwarded and emptied when Kafka Streams flushes its stores. */
    static final class Sums<K, V> implements StateStore, CachedStateStore<Object, Object> {

        private final String name;
        private final Map<Group<K>, Record<K, V>> sums = new LinkedHashMap<>();
        private InternalProcessorContext<K, V> context;
        private ProcessorNode<?, ?, ?, ?> node;
        private boolean open;

        Sums(String name) {
            this.name = name;
        }

        void attach(InternalProcessorContext<K, V> context, ProcessorNode<?, ?, ?, ?> node) {
            this.context = context;
            this.node = node;
            sums.clear();
        }

        void add(Record<K, V> record, Second group, BinaryOperator<V> sum) {
            sums.merge(new Group<>(record.key(), group), record, (held, next) -> held
                    .withValue(sum.apply(held.value(), next.value()))
                    .withTimestamp(Math.max(held.timestamp(), next.timestamp())));
        }

        int size() {
            return sums.size();
        }

        /** Forwards every sum, in the order their groups first came, from the combiner's node. */
        @Override
        public void flushCache() {
            if (sums.isEmpty() || context == null) {
                return;
            }
            List<Record<K, V>> held = new ArrayList<>(sums.values());
            sums.clear();
            ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
            ProcessorRecordContext previousRecord = context.recordContext();
            context.setCurrentNode(node);
            try {
                for (Record<K, V> record : held) {
                    context.setRecordContext(new ProcessorRecordContext(record.timestamp(), -1L, -1, null,
                            new RecordHeaders()));
                    context.forward(record.withHeaders(new RecordHeaders()));
                }
            } finally {
                context.setRecordContext(previousRecord);
                context.setCurrentNode(previousNode);
            }
        }

        @Override
        public void clearCache() {
            sums.clear();
        }

        @Override
        public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
            return false;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext storeContext, StateStore root) {
            storeContext.register(root, (key, value) -> {
            });
            sums.clear();
            open = true;
        }

        @Override
        public void close() {
            sums.clear();
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    private record Group<K>(K key, Second second) {
    }

    private record Second(long epochSecond, Object alsoBy) {
    }

    /** Builds {@link Sums}: in memory, never changelogged (the input records are the log), no record cache. */
    private record SumsBuilder(String name) implements StoreBuilder<Sums<?, ?>> {

        @Override
        public StoreBuilder<Sums<?, ?>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<Sums<?, ?>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<Sums<?, ?>> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("a combiner's sums are never changelogged");
        }

        @Override
        public StoreBuilder<Sums<?, ?>> withLoggingDisabled() {
            return this;
        }

        @Override
        public Sums<?, ?> build() {
            return new Sums<>(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
