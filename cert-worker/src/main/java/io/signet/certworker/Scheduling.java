package io.signet.certworker;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One background thread for cert-worker's periodic chores (clock sampling, CRL refresh). */
@Configuration(proxyBeanMethods = false)
public class Scheduling {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService certWorkerScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("cert-worker-chores").daemon(true).factory());
    }
}
