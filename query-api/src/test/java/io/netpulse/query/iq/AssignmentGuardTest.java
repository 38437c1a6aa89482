package io.netpulse.query.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.query.iq.AssignmentGuard.Assignment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The guard against partial answers during a rebalance, over a membership the test moves by hand: A holds partitions
 * 0 and 1 of {@code netpulse.counters}, B holds 2 and 3, then partition 1 moves from A to B.
 */
class AssignmentGuardTest {

    private static final HostInfo A = new HostInfo("np-a", 8080);
    private static final HostInfo B = new HostInfo("np-b", 8080);
    private static final String P0 = "netpulse.counters:0";
    private static final String P1 = "netpulse.counters:1";
    private static final String P2 = "netpulse.counters:2";
    private static final String P3 = "netpulse.counters:3";
    private static final Assignment BEFORE = assignment(Map.of(A, set(P0, P1), B, set(P2, P3)), Map.of());
    /** What the metadata says after the first round of moving P1: B is named its owner before it runs it. */
    private static final Assignment MOVING = assignment(Map.of(A, set(P0), B, set(P1, P2, P3)), Map.of());

    private final FakeMembership membership = new FakeMembership();
    private final AssignmentGuard onA = new AssignmentGuard(membership, A);

    @Test
    void anInstanceRunningExactlyItsAssignmentMayRead() {
        membership.set(BEFORE, set(P0, P1));

        assertThatCode(onA::requireActiveRunning).doesNotThrowAnyException();
    }

    @Test
    void aPartitionAssignedButNotYetRunningIsUnavailableNotSilentlyMissing() {
        AssignmentGuard onB = new AssignmentGuard(membership, B);
        membership.set(MOVING, set(P2, P3));

        assertThatThrownBy(onB::requireActiveRunning).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("partitions are changing hands: the assignment gives this instance 3 partitions, its "
                        + "stream threads run 2");
    }

    @Test
    void aThreadThatIsNotRunningHoldsNothingToRead() {
        membership.set(BEFORE, set());

        assertThatThrownBy(onA::requireActiveRunning).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theAssignmentChangingDuringOneQueryIsUnavailable() {
        membership.set(BEFORE, set(P0, P1));
        AtomicReference<Throwable> failure = new AtomicReference<>();

        AssignmentGuard.inScope(Optional.empty(), () -> {
            onA.requireSameAssignment();
            membership.set(assignment(Map.of(A, set(P0, P1), B, set(P2)), Map.of()), set(P0, P1));
            failure.set(catchThrowable(onA::requireActiveRunning));
        });

        assertThat(failure.get()).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the assignment changed while the query ran (a rebalance)");
    }

    @Test
    void withoutAQueryScopeEachCheckStandsAlone() {
        membership.set(BEFORE, set(P0, P1));
        onA.requireSameAssignment();
        membership.set(assignment(Map.of(A, set(P0, P1), B, set(P2)), Map.of()), set(P0, P1));

        assertThatCode(onA::requireActiveRunning).doesNotThrowAnyException();
    }

    @Test
    void theThreadsOfAFanOutShareTheQueryScope() {
        membership.set(BEFORE, set(P0, P1));
        AtomicReference<Throwable> failure = new AtomicReference<>();

        AssignmentGuard.inScope(Optional.empty(), () -> {
            List<HostInfo> hosts = List.of(A, B);
            onA.requireSameAssignment();
            membership.set(MOVING, set(P0));
            failure.set(catchThrowable(() -> new FanOut(Duration.ofSeconds(5)).collect(hosts, host -> {
                onA.requireSameAssignment();
                return List.of(host.host());
            })));
        });

        assertThat(failure.get()).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the assignment changed while the query ran (a rebalance)");
    }

    @Test
    void aForwardCarriesTheFingerprintOfWhatTheAskerExpectsTheOtherInstanceToHold() {
        membership.set(BEFORE, set(P0, P1));

        // printf 'netpulse.counters:0,netpulse.counters:1' | sha256sum, first 16 hex digits
        assertThat(onA.expectationFor(A)).contains("d8050a834341b529");
        assertThat(onA.expectationFor(B)).contains(Assignment.fingerprint(set(P2, P3)));
        assertThat(AssignmentGuard.none().expectationFor(B)).isEmpty();
    }

    @Test
    void aForwardedQueryIsAnsweredOnlyWhenBothInstancesSeeTheSameAssignment() {
        AssignmentGuard onB = new AssignmentGuard(membership, B);
        // A still sees BEFORE and expects B to hold 2 and 3; B already sees MOVING and runs 2 and 3 only.
        String expectedByA = BEFORE.fingerprintOf(B);
        membership.set(MOVING, set(P2, P3));
        AtomicReference<Throwable> failure = new AtomicReference<>();

        AssignmentGuard.inScope(Optional.of(expectedByA),
                () -> failure.set(catchThrowable(onB::requireSameAssignment)));

        assertThat(failure.get()).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the asking instance and this one see different assignments (a rebalance is under way)");
    }

    @Test
    void aForwardedQueryMatchingThisInstancesViewIsAnswered() {
        AssignmentGuard onB = new AssignmentGuard(membership, B);
        membership.set(BEFORE, set(P2, P3));
        AtomicReference<Throwable> failure = new AtomicReference<>();

        AssignmentGuard.inScope(Optional.of(BEFORE.fingerprintOf(B)),
                () -> failure.set(catchThrowable(onB::requireActiveRunning)));

        assertThat(failure.get()).isNull();
    }

    @Test
    void aStaleReadNeedsALocalCopyOfEveryPartitionPlacedHere() {
        Assignment withStandby = assignment(Map.of(A, set(P0, P1), B, set(P2, P3)), Map.of(A, set(P2, P3)));
        membership.set(withStandby, set(P0, P1, P2));

        assertThatThrownBy(onA::requireLocalCopies).isInstanceOf(StoreUnavailableException.class);

        membership.set(withStandby, set(P0, P1, P2, P3));
        assertThatCode(onA::requireLocalCopies).doesNotThrowAnyException();
    }

    @Test
    void theNoneGuardChecksNothing() {
        assertThatCode(() -> {
            AssignmentGuard.none().requireActiveRunning();
            AssignmentGuard.none().requireLocalCopies();
            AssignmentGuard.none().requireSameAssignment();
        }).doesNotThrowAnyException();
    }

    private static Throwable catchThrowable(Runnable check) {
        try {
            check.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Assignment assignment(Map<HostInfo, SortedSet<String>> active,
                                         Map<HostInfo, SortedSet<String>> standby) {
        return new Assignment(active, standby);
    }

    private static SortedSet<String> set(String... partitions) {
        return new TreeSet<>(List.of(partitions));
    }

    /** A membership the test moves: the assignment and what the local threads hold (any copy = the same set). */
    private static final class FakeMembership implements AssignmentGuard.Membership {
        private volatile Assignment assignment;
        private volatile Set<String> held;

        void set(Assignment assignment, Set<String> held) {
            this.assignment = assignment;
            this.held = held;
        }

        @Override
        public Assignment assignment() {
            return assignment;
        }

        @Override
        public Set<String> held(boolean anyCopy) {
            return held;
        }
    }
}
