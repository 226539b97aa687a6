package io.signet.launcher;

import io.signet.launcher.logging.LauncherLogging;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line that runs {@code signet part …} in a new JVM from the same code as this one: the same java, the
 * same jar (the launcher's exec jar) or class path (tests), the JVM flags the parts need, a heap of their own.
 */
final class JavaCommand {

    /** Flags of this JVM that a child needs as well (native access for PKCS#11, Unsafe for Kafka and Netty). */
    private static final List<String> INHERITED =
            List.of("--enable-native-access", "--sun-misc-unsafe-memory-access", "--add-opens", "--add-exports");

    /** Per part: five services and Kafka share the machine; serial GC keeps each JVM's threads and footprint small. */
    private static final List<String> CHILD_FLAGS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");

    /**
     * Extra JVM options for every part, whitespace-separated, after the defaults (so {@code -Xmx1g} overrides
     * them). The launcher's integration tests start a part's JVM dozens of times and use it to trade the parts' peak
     * speed for a faster start.
     */
    static final String PART_JVM_OPTIONS_VARIABLE = "SIGNET_PART_JVM_OPTIONS";

    private JavaCommand() {}

    static List<String> forPart(String part, List<String> arguments) {
        return forPart(part, arguments, System.getenv(PART_JVM_OPTIONS_VARIABLE));
    }

    /** @param extraOptions {@link #PART_JVM_OPTIONS_VARIABLE}'s value; null or blank for none */
    static List<String> forPart(String part, List<String> arguments, String extraOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean nativeAccess = false;
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED.stream().anyMatch(argument::startsWith)) {
                command.add(argument);
                nativeAccess |= argument.startsWith("--enable-native-access");
            }
        }
        if (!nativeAccess) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(CHILD_FLAGS);
        if (extraOptions != null && !extraOptions.isBlank()) {
            command.addAll(List.of(extraOptions.strip().split("\\s+")));
        }
        String logLevel = System.getProperty(LauncherLogging.LEVEL_PROPERTY);
        if (logLevel != null) {
            command.add("-D" + LauncherLogging.LEVEL_PROPERTY + "=" + logLevel);
        }
        String classPath = System.getProperty("java.class.path");
        if (isBootJar(classPath)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, SignetLauncher.class.getName()));
        }
        command.add("part");
        command.add(part);
        command.addAll(arguments);
        return command;
    }

    // The exec jar names the launcher as Start-Class; its classes are nested, so only -jar runs them.
    private static boolean isBootJar(String classPath) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
