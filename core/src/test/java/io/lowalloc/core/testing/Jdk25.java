package io.lowalloc.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the second JDK of the development and CI machines, Temurin 25, lives, for tests of what
 * only a recent JDK prints or refuses (JDK 24+ warns when {@code sun.misc.Unsafe}'s memory access
 * methods are used). The system property {@value #PROPERTY} overrides the default location.
 */
public final class Jdk25 {

    /** The system property naming the JDK 25 home directory. */
    public static final String PROPERTY = "lowalloc.jdk25.home";

    /** Where Temurin's Debian package installs JDK 25: {@value}. */
    public static final String DEFAULT_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private Jdk25() {
    }

    /**
     * Returns the JDK 25 home, or skips the calling test (a JUnit assumption) with a message that
     * says where it looked.
     *
     * @return a directory holding {@code bin/java}
     */
    public static Path homeOrSkip() {
        Path home = Path.of(System.getProperty(PROPERTY, DEFAULT_HOME));
        assumeTrue(Files.isExecutable(home.resolve("bin").resolve("java")),
                () -> "no JDK 25 at " + home + " (set -D" + PROPERTY + "=<jdk home>): test skipped");
        return home;
    }
}
