package io.signet.notifier.support;

import io.signet.embedded.KafkaBroker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An embedded Kafka broker in a JVM of its own, until its standard input closes: the notifier benchmark's broker, so
 * that the notifier's JVM holds the notifier alone, as deployed. Arguments: data directory, port.
 */
public final class BrokerProcess {

    private BrokerProcess() {}

    public static void main(String[] args) throws IOException {
        try (KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]))) {
            while (System.in.read() != -1) {
                // the parent writes nothing; end of input means it is done
            }
        }
        System.exit(0);
    }
}
