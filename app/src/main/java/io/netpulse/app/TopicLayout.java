package io.netpulse.app;

import io.netpulse.topology.TopicNames;

/**
 * The topics and how netpulse creates them.
 *
 * @param names       topic names
 * @param partitions  partitions of created topics
 * @param replication replication factor of created topics
 */
public record TopicLayout(TopicNames names, int partitions, short replication) {

    static TopicLayout read(ConfigSource source) {
        TopicNames names = new TopicNames(
                source.get(ConfigKey.TOPICS_COUNTERS),
                source.get(ConfigKey.TOPICS_FLOWS),
                source.get(ConfigKey.TOPICS_INVENTORY),
                source.get(ConfigKey.TOPICS_TELEGRAF),
                source.get(ConfigKey.TOPICS_FLOW_MESSAGES),
                source.get(ConfigKey.TOPICS_PMACCT),
                source.get(ConfigKey.TOPICS_INTERFACE_RATES),
                source.get(ConfigKey.TOPICS_SITE_VOLUME),
                source.get(ConfigKey.TOPICS_SOURCE_STATS),
                source.get(ConfigKey.TOPICS_IP_STATS),
                source.get(ConfigKey.TOPICS_DEAD_LETTER),
                source.get(ConfigKey.TOPICS_SCHEMAS),
                source.get(ConfigKey.TOPICS_DIRECTORY),
                source.get(ConfigKey.TOPICS_ALERTS),
                source.get(ConfigKey.TOPICS_BILLING)).reading(source.get(ConfigKey.INPUTS));
        return new TopicLayout(names, source.get(ConfigKey.TOPICS_PARTITIONS),
                source.get(ConfigKey.TOPICS_REPLICATION).shortValue());
    }
}
