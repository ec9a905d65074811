package dev.fakemail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version the build wrote into a module's {@code version.properties} (the web inbox, the client and the
 * standalone server each carry their own, filtered by Maven); "unknown" when it is missing, as in an IDE run.
 */
public final class BuildVersion {
    private BuildVersion() {
    }

    /** The {@code version} property of the resource, found as {@code anchor.getResourceAsStream(resource)} does. */
    public static String of(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
