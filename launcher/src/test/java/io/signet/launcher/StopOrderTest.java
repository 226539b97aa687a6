package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The launcher stops the gateway and sign-worker before the services the sign-worker needs to finish its batch
 * (cert-worker: certificates, time-stamps, claims).
 */
class StopOrderTest {

    @Test
    void gatewayAndSignWorkerHaveStoppedBeforeAnyOtherServiceBeginsToStop() {
        AtomicLong clock = new AtomicLong();
        Map<SignetService, long[]> stops = new ConcurrentHashMap<>();
        List<RunningService> services = new ArrayList<>();
        for (SignetService service : SignetService.values()) {
            services.add(new RunningService(
                    service,
                    () -> {
                        long began = clock.incrementAndGet();
                        Thread.sleep(50); // a graceful stop takes a while
                        stops.put(service, new long[] {began, clock.incrementAndGet()});
                    },
                    0));
        }
        Collections.shuffle(services);

        RunningSignet.stopServices(services);

        assertThat(stops).containsOnlyKeys(SignetService.values());
        long lastOfFirstStage = RunningSignet.FIRST_TO_STOP.stream()
                .mapToLong(service -> stops.get(service)[1])
                .max()
                .orElseThrow();
        for (SignetService service : SignetService.values()) {
            if (!RunningSignet.FIRST_TO_STOP.contains(service)) {
                assertThat(stops.get(service)[0]).as(service + " began to stop").isGreaterThan(lastOfFirstStage);
            }
        }
        assertThat(RunningSignet.FIRST_TO_STOP).contains(SignetService.GATEWAY, SignetService.SIGN_WORKER);
    }
}
