package io.netpulse.app;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this instance belongs to the Kafka Streams group: a static member with a short session, so that a
 * restarted instance takes its partitions back at once and the partitions of one that died move to the others
 * within seconds (see docs/operations.md, "Crashes: restarts and failover").
 *
 * @param instanceId        the configured static member id; empty means the one kept in the state directory
 *                          ({@link StaticMembership})
 * @param sessionTimeout    how long the group waits for a silent member
 * @param heartbeatInterval how often a member heartbeats
 */
public record MembershipConfig(Optional<String> instanceId, Duration sessionTimeout, Duration heartbeatInterval) {

    public MembershipConfig {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }

    /**
     * The group membership keys. The heartbeat must come at least three times per session (Kafka's own advice),
     * or one late heartbeat would expel a live instance.
     */
    static MembershipConfig read(ConfigSource source) {
        Optional<String> instanceId = source.get(ConfigKey.INSTANCE_ID);
        Duration session = source.get(ConfigKey.SESSION_TIMEOUT);
        Duration heartbeat = source.get(ConfigKey.HEARTBEAT_INTERVAL);
        if (heartbeat.multipliedBy(3).compareTo(session) > 0) {
            throw source.invalid(ConfigKey.HEARTBEAT_INTERVAL, "must be at most a third of session.timeout ("
                    + session + ")");
        }
        return new MembershipConfig(instanceId, session, heartbeat);
    }
}
