package io.netpulse.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
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
 * Sums the records of one group (a key and a second, say) until Kafka Streams commits, then forwards each sum
 * once, so the repartition topic behind it carries one record per group and commit instead of one per input
 * record: a combiner, as in MapReduce. A sum keeps the key of its group and the latest timestamp of its records.
 *
 * <p>Nothing is lost or counted twice. The sums live in a store ({@link Sums}, in memory, not changelogged) that
 * Kafka Streams flushes at every commit before it writes the offsets or ends the transaction, exactly as it
 * flushes the record caches of its own aggregations; the flush forwards them, so they are part of the commit that
 * covers their input records. A crash between two commits loses the sums and replays their records from the last
 * committed offsets; a task closed dirty drops them likewise. Kafka Streams has no public hook that runs before
 * a commit, so this class uses the internal one its cached aggregations use ({@link CachedStateStore}) and sets
 * the forwarding node as their flush listeners do: the one place netpulse reaches into Kafka Streams' internals,
 * covered by {@code CombinerEndToEndTest} against a real broker with exactly-once.
 *
 * <p>Memory is bounded: at {@value #MAX_SUMS} sums a task forwards what it holds at once, and a sum that a record
 * would make too large ({@code fits}) is forwarded before it. Per record: one hash lookup and the sum.
 */
public final class Combiner<K, V> implements Processor<K, V, K, V> {

    /** Sums a task holds at most between two commits. */
    public static final int MAX_SUMS = 10_000;

    private final String storeName;
    private final Function<Record<K, V>, ?> group;
    private final BinaryOperator<V> sum;
    private final BiPredicate<V, V> fits;
    private Sums<K, V> sums;

    private Combiner(String storeName, Function<Record<K, V>, ?> group, BinaryOperator<V> sum,
                     BiPredicate<V, V> fits) {
        this.storeName = storeName;
        this.group = group;
        this.sum = sum;
        this.fits = fits;
    }

    /**
     * Sums records of one key, second of their timestamp and {@code alsoBy} of their value with {@code sum}, which
     * must be associative and commutative: the order of records within a sum is lost.
     */
    public static <K, V> ProcessorSupplier<K, V, K, V> perSecond(String storeName, Function<? super V, ?> alsoBy,
                                                                BinaryOperator<V> sum) {
        return of(storeName, record -> new Second(record.key(), Math.floorDiv(record.timestamp(), 1000L),
                alsoBy.apply(record.value())), sum, (held, next) -> true);
    }

    /**
     * Joins the records of one key with {@code sum}, which must be associative; the records of one key keep their
     * order, within a sum and across sums. {@code fits} says whether a held sum may take the next record: when it
     * may not, the held sum is forwarded first.
     */
    public static <K, V> ProcessorSupplier<K, V, K, V> perKey(String storeName, BinaryOperator<V> sum,
                                                             BiPredicate<V, V> fits) {
        return of(storeName, Record::key, sum, fits);
    }

    private static <K, V> ProcessorSupplier<K, V, K, V> of(String storeName, Function<Record<K, V>, ?> group,
                                                          BinaryOperator<V> sum, BiPredicate<V, V> fits) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<K, V, K, V> get() {
                return new Combiner<>(storeName, group, sum, fits);
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
        sums.add(record, group.apply(record), sum, fits);
        if (sums.size() >= MAX_SUMS) {
            sums.flushCache();
        }
    }

    /** The sums of one task between two commits; forwarded and emptied when Kafka Streams flushes its stores. */
    static final class Sums<K, V> implements StateStore, CachedStateStore<Object, Object> {

        private final String name;
        private final Map<Object, Record<K, V>> sums = new LinkedHashMap<>();
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

        void add(Record<K, V> record, Object group, BinaryOperator<V> sum, BiPredicate<V, V> fits) {
            Record<K, V> held = sums.get(group);
            if (held == null) {
                sums.put(group, record);
            } else if (fits.test(held.value(), record.value())) {
                sums.put(group, held.withValue(sum.apply(held.value(), record.value()))
                        .withTimestamp(Math.max(held.timestamp(), record.timestamp())));
            } else {
                sums.remove(group);
                forward(List.of(held));
                sums.put(group, record);
            }
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
            forward(held);
        }

        private void forward(List<Record<K, V>> held) {
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

    private record Second(Object key, long epochSecond, Object alsoBy) {
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
