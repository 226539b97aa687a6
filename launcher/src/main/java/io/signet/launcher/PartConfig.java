package io.signet.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a launcher hands a child part its configuration: as properties on the child's standard input, ended by a marker
 * line. Why stdin: the configuration holds the database password, which must appear neither on a command line (other
 * users see it in {@code ps}) nor in a file of its own; and the pipe, kept open, tells the child when its launcher is
 * gone (see {@link PartCommand}).
 */
final class PartConfig {

    static final String END = "#signet-part-config-end";

    private PartConfig() {}

    /** Writes {@code config} and the end marker, flushed; leaves {@code stdin} open. */
    static void write(OutputStream stdin, Map<String, String> config) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter text = new StringWriter();
        properties.store(text, null); // escapes line breaks, so no value can produce the marker line
        stdin.write((text + END + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Reads up to the end marker. */
    static Map<String, String> read(BufferedReader in) {
        StringBuilder text = new StringBuilder();
        try {
            for (String line = in.readLine(); line != null && !line.equals(END); line = in.readLine()) {
                text.append(line).append('\n');
            }
            Properties properties = new Properties();
            properties.load(new StringReader(text.toString()));
            Map<String, String> config = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the part's configuration from standard input", e);
        }
    }
}
