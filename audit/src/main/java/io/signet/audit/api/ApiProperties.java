package io.signet.audit.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The auditors' HTTP API.
 *
 * @param auditorTokenFile file holding the auditors' bearer token (one line); created with a random token if missing.
 *     Whoever can read this file is an auditor
 * @param auditorRole the ID provider role that makes a signer token an auditor's (see {@code signet.idp.roles-claim})
 * @param defaultPageSize entries per page of {@code /v1/audit/log} when the caller does not say
 * @param maxPageSize the most entries one page may have
 */
@Validated
@ConfigurationProperties("signet.audit.api")
public record ApiProperties(
        @NotNull Path auditorTokenFile,
        @DefaultValue("auditor") String auditorRole,
        @Min(1) @DefaultValue("1000") int defaultPageSize,
        @Min(1) @Max(100_000) @DefaultValue("10000") int maxPageSize) {}
