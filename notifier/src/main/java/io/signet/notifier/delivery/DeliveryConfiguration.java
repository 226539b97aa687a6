package io.signet.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of callback delivery. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    @Bean
    DestinationGuard destinationGuard(HostResolver resolver, CallbackProperties properties) {
        return new DestinationGuard(resolver, properties);
    }

    /**
     * The TLS context of https callbacks: the JVM's default trust store. A seam for tests, which register their own
     * (trusting a certificate made at test time) under this bean's name; nothing else replaces it.
     */
    @Bean
    @ConditionalOnMissingBean(name = "callbackTls")
    SSLContext callbackTls() throws NoSuchAlgorithmException {
        return SSLContext.getDefault();
    }

    @Bean(destroyMethod = "close")
    CallbackSender callbackSender(
            DestinationGuard guard, DeliveryProperties properties, @Qualifier("callbackTls") SSLContext callbackTls) {
        return new CallbackSender(guard, properties.timeout(), properties.maxConcurrencyPerHost(), callbackTls);
    }

    @Bean
    RetryPolicy retryPolicy(DeliveryProperties properties) {
        return new RetryPolicy(
                properties.schedule(),
                properties.jitter(),
                properties.maxRetryAfter(),
                // Delegates per call, so one policy can be shared by every attempt thread.
                () -> ThreadLocalRandom.current().nextLong());
    }

    @Bean
    CallbackPlanner callbackPlanner(
            RelyingPartyProperties relyingParties, JsonMapper jsonMapper, DeliveryProperties properties, Clock clock) {
        // Created claimed (due when the lease runs out) when the creating instance makes the first attempt itself.
        return new CallbackPlanner(
                relyingParties,
                jsonMapper,
                properties.firstAttemptImmediate()
                        ? properties.lease()
                        : properties.schedule().getFirst(),
                clock);
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry) {
        return new DeliveryMetrics(registry);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(
            Jdbi jdbi,
            CallbackSender sender,
            RetryPolicy retryPolicy,
            RelyingPartyProperties relyingParties,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            Clock clock) {
        return new DeliveryDispatcher(jdbi, sender, retryPolicy, relyingParties, properties, metrics, clock);
    }

    @Bean
    BacklogGauge backlogGauge(DeliveryDispatcher dispatcher) {
        return new BacklogGauge(dispatcher);
    }

    /** Refreshes the per-host backlog gauges periodically (one grouped count query). */
    static final class BacklogGauge {

        private final DeliveryDispatcher dispatcher;

        BacklogGauge(DeliveryDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${signet.notifier.metrics.backlog-refresh:15s}", initialDelay = 1000)
        void refresh() {
            dispatcher.refreshBacklog();
        }
    }
}
