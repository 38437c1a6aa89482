package io.netpulse.topology.toptalkers;

import java.util.Locale;

/**
 * The keys of the top-talker stores: {@code source:<exporter address>} or {@code site:<site uuid>}, one key space
 * for both so one repartition and one set of stores serve both. Built here only, by the topology and by queries.
 */
public final class TopTalkersScope {

    private static final String SOURCE = "source:";
    private static final String SITE = "site:";

    private TopTalkersScope() {
    }

    /** The key of a source device, its address in canonical text. */
    public static String source(String exporter) {
        return SOURCE + exporter;
    }

    /** The key of a site, its UUID in lower case. */
    public static String site(String siteId) {
        return SITE + siteId.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code key} is a site's. */
    public static boolean isSite(String key) {
        return key.startsWith(SITE);
    }
}
