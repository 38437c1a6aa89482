package io.netpulse.app;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The page operators look at, served at {@code /}: static files in the application (no build step, nothing
 * downloaded at run time) that call the same public APIs as any client, with a token the user pastes. Its chart
 * library, uPlot, comes from its WebJar and is served under {@value #VENDOR_PATH}.
 */
final class Dashboard {

    /** Where the page finds uPlot. */
    static final String VENDOR_PATH = "/vendor/uplot";

    private static final String PAGES = "dashboard";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private Dashboard() {
    }

    /** Registers the page and its chart library; last, so every API route is matched before them. */
    static void register(HttpRouting.Builder routing) {
        routing.register(VENDOR_PATH, StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist")
                .build()));
        routing.register("/", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(PAGES)
                .welcome("index.html")
                .build()));
    }

    /** The version of the uPlot WebJar on the class path, as its own Maven metadata states it. */
    static String uplotVersion() {
        try (InputStream in = Dashboard.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar is not on the class path (" + UPLOT_POM + ")");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
    }
}
