package io.signet.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceAttributionTest {

    @Test
    void threadsCreatedByAServiceThreadInheritItsNameVirtualOnesToo() throws Exception {
        AtomicReference<String> platformChild = new AtomicReference<>();
        AtomicReference<String> virtualGrandchild = new AtomicReference<>();

        Thread service = Thread.ofPlatform().start(() -> {
            ServiceAttribution.set("notifier");
            Thread child = Thread.ofPlatform().start(() -> {
                platformChild.set(ServiceAttribution.current());
                Thread grandchild = Thread.ofVirtual().start(() -> virtualGrandchild.set(ServiceAttribution.current()));
                join(grandchild);
            });
            join(child);
        });
        service.join();

        assertThat(platformChild.get()).isEqualTo("notifier");
        assertThat(virtualGrandchild.get()).isEqualTo("notifier");
    }

    @Test
    void unmarkedThreadsBelongToTheLauncher() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread.ofPlatform().start(() -> seen.set(ServiceAttribution.current())).join();

        assertThat(seen.get()).isEqualTo(ServiceAttribution.LAUNCHER);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
