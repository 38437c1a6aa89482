package io.netpulse.query.iq;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Keeps every read of one query on one assignment, so a partition changing hands can cost a 503 but never a
 * silently partial answer.
 *
 * <p>Why: Kafka Streams publishes an assignment's host map (what {@code queryMetadataForKey} and
 * {@code streamsMetadataForStore} answer) as soon as the rebalance that computes it ends, but a partition moving
 * between two running instances changes hands only in the follow-up rebalance (cooperative rebalancing). In between,
 * the metadata already names the new owner, which does not run the partition yet while its other tasks keep
 * answering; and instances learn a new assignment at slightly different moments. A read in either gap would miss
 * that partition without any error.
 *
 * <p>The rules, checked before every local read of a partitioned store, every key lookup and every forward:
 * <ol>
 *   <li>this instance runs (stream threads {@code RUNNING}) exactly the active partitions the assignment gives it;</li>
 *   <li>the assignment has not changed since the query first looked at it, so a fan-out's host list and all of its
 *       reads agree;</li>
 *   <li>a forwarded query carries in {@link #EXPECTED} a fingerprint of what the asking instance believes this one
 *       holds, and it must match.</li>
 * </ol>
 * A broken rule is a {@link StoreUnavailableException}: 503 with Retry-After and the API's own body. The state of
 * one query lives in an inheritable thread-local set by {@link #requestScope()}, so the virtual threads of a
 * {@link FanOut} share it.
 */
public final class AssignmentGuard {

    /** Fingerprint of the partitions the asking instance expects the receiving one to hold. */
    public static final HeaderName EXPECTED = HeaderNames.create("X-Netpulse-Assignment");

    private static final String RUNNING = "RUNNING";
    private static final AssignmentGuard NONE = new AssignmentGuard(null, null);
    private static final InheritableThreadLocal<QueryScope> SCOPE = new InheritableThreadLocal<>();

    private final Membership streams;
    private final HostInfo self;

    AssignmentGuard(Membership streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** What the guard asks of Kafka Streams; tests supply their own. */
    interface Membership {
        /** The group's assignment as this instance knows it. */
        Assignment assignment();

        /**
         * Partitions this instance's threads hold: active tasks of RUNNING threads, or with {@code anyCopy} every
         * task of every thread, standbys included.
         */
        Set<String> held(boolean anyCopy);
    }

    /** The guard of a KafkaStreams client advertising {@code self}. */
    public static AssignmentGuard of(KafkaStreams streams, HostInfo self) {
        return new AssignmentGuard(new StreamsMembership(streams), self);
    }

    /** No checks: a single instance that holds everything (tests on TopologyTestDriver). */
    public static AssignmentGuard none() {
        return NONE;
    }

    /**
     * The filter that opens one query's scope around every request, taking {@link #EXPECTED} from requests to
     * {@link RemoteQueryClient#INTERNAL_PREFIX}.
     */
    public static Filter requestScope() {
        return (chain, request, response) -> inScope(
                request.path().path().startsWith(RemoteQueryClient.INTERNAL_PREFIX)
                        ? request.headers().first(EXPECTED) : Optional.empty(),
                chain::proceed);
    }

    /** Runs {@code query} as one query: every check inside it (and in threads it starts) sees one assignment. */
    static void inScope(Optional<String> expected, Runnable query) {
        QueryScope previous = SCOPE.get();
        SCOPE.set(new QueryScope(expected, new AtomicReference<>()));
        try {
            query.run();
        } finally {
            SCOPE.set(previous);
        }
    }

    /**
     * Rules 1 to 3 before reading this instance's active copies.
     *
     * @throws StoreUnavailableException when a rule is broken
     */
    void requireActiveRunning() {
        if (streams == null) {
            return;
        }
        Assignment assignment = observe();
        Set<String> assigned = assignment.activeOf(self);
        Set<String> running = streams.held(false);
        if (!assigned.equals(running)) {
            throw new StoreUnavailableException("partitions are changing hands: the assignment gives this instance "
                    + assigned.size() + " partitions, its stream threads run " + running.size());
        }
    }

    /**
     * Rules 2 and 3, and a local copy (active, restoring or standby) of every partition the assignment places here:
     * before a read that accepts stale copies.
     *
     * @throws StoreUnavailableException when a rule is broken
     */
    void requireLocalCopies() {
        if (streams == null) {
            return;
        }
        Assignment assignment = observe();
        Set<String> placed = new TreeSet<>(assignment.activeOf(self));
        placed.addAll(assignment.standbyOf(self));
        Set<String> held = streams.held(true);
        if (!held.containsAll(placed)) {
            throw new StoreUnavailableException("partitions are changing hands: this instance holds no copy yet of "
                    + "some partitions the assignment places here");
        }
    }

    /**
     * Rule 2 for a key lookup or a host list.
     *
     * @throws StoreUnavailableException when the assignment changed during this query
     */
    void requireSameAssignment() {
        if (streams != null) {
            observe();
        }
    }

    /**
     * The {@link #EXPECTED} value for a query forwarded to {@code host}: what this query's assignment gives it.
     *
     * @throws StoreUnavailableException when the assignment changed during this query
     */
    Optional<String> expectationFor(HostInfo host) {
        if (streams == null) {
            return Optional.empty();
        }
        return Optional.of(observe().fingerprintOf(host));
    }

    private Assignment observe() {
        Assignment now = streams.assignment();
        QueryScope scope = SCOPE.get();
        if (scope == null) {
            return now;
        }
        Assignment first = scope.assignment().compareAndExchange(null, now);
        if (first != null && !first.equals(now)) {
            throw new StoreUnavailableException("the assignment changed while the query ran (a rebalance)");
        }
        Optional<String> expected = scope.expected();
        if (expected.isPresent() && !expected.get().equals(now.fingerprintOf(self))) {
            throw new StoreUnavailableException("the asking instance and this one see different assignments "
                    + "(a rebalance is under way)");
        }
        return now;
    }

    /**
     * The membership of a KafkaStreams client, from its own metadata. Kafka Streams hands out the same metadata
     * objects until an assignment or a thread's state changes, so the sets built from them are kept and rebuilt only
     * when an object differs (compared by identity: a new object always rebuilds, so a kept set is never stale).
     */
    private static final class StreamsMembership implements Membership {
        private final KafkaStreams streams;
        private volatile Derived<StreamsMetadata, Assignment> assignment = Derived.none();
        private volatile Derived<ThreadMetadata, Set<String>> heldActive = Derived.none();
        private volatile Derived<ThreadMetadata, Set<String>> heldAny = Derived.none();

        StreamsMembership(KafkaStreams streams) {
            this.streams = streams;
        }

        @Override
        public Assignment assignment() {
            try {
                List<StreamsMetadata> metadata = List.copyOf(streams.metadataForAllStreamsClients());
                Derived<StreamsMetadata, Assignment> known = assignment;
                if (known.from(metadata)) {
                    return known.value();
                }
                Map<HostInfo, SortedSet<String>> active = new TreeMap<>(StreamsMembership::compareHosts);
                Map<HostInfo, SortedSet<String>> standby = new TreeMap<>(StreamsMembership::compareHosts);
                for (StreamsMetadata client : metadata) {
                    active.put(client.hostInfo(), names(client.topicPartitions()));
                    standby.put(client.hostInfo(), names(client.standbyTopicPartitions()));
                }
                Assignment built = new Assignment(active, standby);
                assignment = new Derived<>(metadata, built);
                return built;
            } catch (StreamsNotStartedException | IllegalStateException e) {
                throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
            }
        }

        @Override
        public Set<String> held(boolean anyCopy) {
            try {
                List<ThreadMetadata> threads = List.copyOf(streams.metadataForLocalThreads());
                Derived<ThreadMetadata, Set<String>> known = anyCopy ? heldAny : heldActive;
                if (known.from(threads)) {
                    return known.value();
                }
                Set<String> partitions = new TreeSet<>();
                for (ThreadMetadata thread : threads) {
                    if (anyCopy || RUNNING.equals(thread.threadState())) {
                        thread.activeTasks().forEach(task -> partitions.addAll(names(task)));
                    }
                    if (anyCopy) {
                        thread.standbyTasks().forEach(task -> partitions.addAll(names(task)));
                    }
                }
                Set<String> built = Collections.unmodifiableSet(partitions);
                if (anyCopy) {
                    heldAny = new Derived<>(threads, built);
                } else {
                    heldActive = new Derived<>(threads, built);
                }
                return built;
            } catch (StreamsNotStartedException | IllegalStateException e) {
                throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
            }
        }

        private static SortedSet<String> names(TaskMetadata task) {
            return names(task.topicPartitions());
        }

        private static SortedSet<String> names(Set<TopicPartition> partitions) {
            SortedSet<String> names = new TreeSet<>();
            partitions.forEach(partition -> names.add(partition.topic() + ":" + partition.partition()));
            return names;
        }

        private static int compareHosts(HostInfo a, HostInfo b) {
            int byHost = a.host().compareTo(b.host());
            return byHost != 0 ? byHost : Integer.compare(a.port(), b.port());
        }
    }

    /** A value built from some metadata objects, valid while Kafka Streams hands out those very objects. */
    private record Derived<M, V>(List<M> inputs, V value) {
        static <M, V> Derived<M, V> none() {
            return new Derived<>(null, null);
        }

        boolean from(List<M> now) {
            if (inputs == null || inputs.size() != now.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                if (inputs.get(i) != now.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One query's view: what its asker expects of this instance, and the assignment it first saw. */
    private record QueryScope(Optional<String> expected, AtomicReference<Assignment> assignment) {
    }

    /**
     * Active and standby partitions per instance, as {@code topic:partition}.
     *
     * @param active  active partitions of each instance
     * @param standby standby partitions of each instance
     */
    record Assignment(Map<HostInfo, SortedSet<String>> active, Map<HostInfo, SortedSet<String>> standby) {

        SortedSet<String> activeOf(HostInfo host) {
            return active.getOrDefault(host, new TreeSet<>());
        }

        SortedSet<String> standbyOf(HostInfo host) {
            return standby.getOrDefault(host, new TreeSet<>());
        }

        /** 16 hex digits of the SHA-256 of {@code host}'s active partitions, sorted and comma-separated. */
        String fingerprintOf(HostInfo host) {
            return fingerprint(activeOf(host));
        }

        static String fingerprint(SortedSet<String> partitions) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(String.join(",", partitions).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
