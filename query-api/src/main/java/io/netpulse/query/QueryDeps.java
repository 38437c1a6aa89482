package io.netpulse.query;

import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.topology.TopologySettings;
import java.time.Clock;

/**
 * What the query routes need, passed in by the app (or by a test) so no route reads global state.
 *
 * @param settings the topology settings (retentions decide which store answers a range)
 * @param locator  finds the instance holding a key
 * @param stores   this instance's stores
 * @param remote   asks other instances
 * @param clock    "now" for default time ranges
 */
public record QueryDeps(TopologySettings settings, KeyLocator locator, LocalStores stores,
                        RemoteQueryClient remote, Clock clock) {
}
