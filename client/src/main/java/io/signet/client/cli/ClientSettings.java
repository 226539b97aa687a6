package io.signet.client.cli;

import io.signet.client.sign.SignetConnection;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the command line finds Signet: an option, else an environment variable ({@code SIGNET_URL},
 * {@code SIGNET_API_KEY}, {@code SIGNET_SIGNER_TOKEN}, {@code SIGNET_CA}), else {@code client.properties} in
 * {@code SIGNET_HOME} or {@code ./.signet} (the launcher writes it for the dev quick start: {@code url},
 * {@code api-key}, {@code signer-token}, {@code ca}).
 */
public final class ClientSettings {

    static final String FILE_NAME = "client.properties";

    private final Map<String, String> env;
    private final Properties file;
    private final Path fileLocation;
    private final Path workingDir;

    private ClientSettings(Map<String, String> env, Properties file, Path fileLocation, Path workingDir) {
        this.env = env;
        this.file = file;
        this.fileLocation = fileLocation;
        this.workingDir = workingDir;
    }

    /** The settings of {@code signet} as started (its environment and working directory); for subcommands elsewhere. */
    public static ClientSettings of(SignetCommand root) {
        return load(root.env, root.workingDir);
    }

    static ClientSettings load(Map<String, String> env, Path workingDir) {
        Path home = env.containsKey("SIGNET_HOME") ? Path.of(env.get("SIGNET_HOME")) : workingDir.resolve(".signet");
        Path location = home.resolve(FILE_NAME);
        Properties properties = new Properties();
        if (Files.isRegularFile(location)) {
            try (Reader reader = Files.newBufferedReader(location)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read " + location);
            }
        }
        return new ClientSettings(env, properties, location, workingDir);
    }

    /** Where relative paths given to the command are resolved. */
    public Path workingDir() {
        return workingDir;
    }

    /** The settings file this command reads ({@code client.properties}), whether it exists or not. */
    public Path fileLocation() {
        return fileLocation;
    }

    public Optional<String> value(String option, String variable, String key) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option.strip());
        }
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        return Optional.ofNullable(file.getProperty(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    public String required(String option, String variable, String key, String optionName) {
        return value(option, variable, key)
                .orElseThrow(() -> new CliException(
                        ExitCodes.USAGE,
                        "no " + key + ": give " + optionName + ", set " + variable + ", or start the stack with "
                                + "scripts/run (it writes " + fileLocation + ")"));
    }

    public SignetConnection connection(ConnectionOptions options) {
        String url = required(options.url, "SIGNET_URL", "url", "--url");
        URI gateway;
        try {
            gateway = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "not a URL: " + url);
        }
        return new SignetConnection(
                gateway,
                required(options.apiKey, "SIGNET_API_KEY", "api-key", "--api-key"),
                required(options.signerToken, "SIGNET_SIGNER_TOKEN", "signer-token", "--signer-token"));
    }

    String ca(ConnectionOptions options) {
        return required(options.ca, "SIGNET_CA", "ca", "--ca");
    }
}
