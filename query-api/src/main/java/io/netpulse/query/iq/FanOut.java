package io.netpulse.query.iq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks every instance holding part of a store at once and merges their answers, for queries that span many
 * keys (every source device, every site). Each host is asked on its own virtual thread; the whole round has
 * one deadline. Any host that fails or misses the deadline fails the round with
 * {@link StoreUnavailableException} (503): a merged answer is complete or it is not given, never partial.
 */
public final class FanOut {

    private final Duration timeout;

    /** @param timeout how long the slowest host may take */
    public FanOut(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The answers of {@code hosts} to {@code ask}, concatenated in the order of {@code hosts}.
     *
     * @param ask reads one host (this one locally, others through {@link RemoteQueryClient}); a
     *            {@link StoreUnavailableException} it throws fails the round as 503, any other exception
     *            propagates unchanged (a real fault)
     */
    public <T> List<T> collect(List<HostInfo> hosts, Function<HostInfo, List<T>> ask) {
        List<Callable<List<T>>> tasks = new ArrayList<>(hosts.size());
        for (HostInfo host : hosts) {
            tasks.add(() -> ask.apply(host));
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<List<T>>> answers = executor.invokeAll(tasks, timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<T> merged = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                merged.addAll(answerOf(hosts.get(i), answers.get(i)));
            }
            return merged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while asking " + hosts, e);
        } finally {
            // invokeAll cancelled the late ones; do not wait for their threads to notice
            executor.shutdownNow();
        }
    }

    private <T> List<T> answerOf(HostInfo host, Future<List<T>> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (CancellationException e) {
            throw new StoreUnavailableException("instance " + host.host() + ":" + host.port()
                    + " did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("instance " + host.host() + ":" + host.port() + " failed: "
                    + e.getCause(), e.getCause());
        }
    }
}
