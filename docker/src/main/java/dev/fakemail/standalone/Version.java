package dev.fakemail.standalone;

import dev.fakemail.internal.BuildVersion;

/** The version the build wrote into {@code version.properties}. */
final class Version {
    private Version() {
    }

    static String get() {
        return BuildVersion.of(Version.class, "version.properties");
    }
}
