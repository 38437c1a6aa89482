package io.netpulse.registry.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The repository's own schemas: the {@code .avsc} files of {@code schemas/src/main/avro/<group>/}, which travel in
 * the schemas jar under {@value #ROOT}. netpulse registers these, parsed from the files as written, rather than the
 * generated classes' schemas: those carry {@code avro.java.string} properties, so the registry would hold a schema
 * that no producer using the repository's file can look up, and a Confluent serializer with auto-register would
 * add a duplicate version beside it. Both encode alike: the properties change no byte on the wire.
 */
public final class RepositorySchemas {

    /** Where the {@code .avsc} files are on the classpath. */
    public static final String ROOT = "avro/";

    private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private RepositorySchemas() {
    }

    /**
     * The schema file of a generated class, parsed on its own: {@value #ROOT}{@code <group>/<Name>.avsc}, the group
     * being the last segment of the namespace ({@code io.netpulse.schema.flow.FlowRecord} is
     * {@code avro/flow/FlowRecord.avsc}).
     *
     * @throws IllegalStateException when the class has no such file on the classpath
     */
    public static Schema of(Class<? extends SpecificRecord> type) {
        return SCHEMAS.computeIfAbsent(type, RepositorySchemas::load);
    }

    /** The classpath resource of {@code type}'s file. */
    public static String path(Class<?> type) {
        String namespace = type.getPackageName();
        return ROOT + namespace.substring(namespace.lastIndexOf('.') + 1) + "/" + type.getSimpleName() + ".avsc";
    }

    private static Schema load(Class<?> type) {
        String path = path(type);
        try (InputStream in = RepositorySchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no schema file " + path + " on the classpath for " + type.getName());
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + path, e);
        }
    }
}
