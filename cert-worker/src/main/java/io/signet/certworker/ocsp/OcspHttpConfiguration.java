package io.signet.certworker.ocsp;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RFC 6960 A.1: a GET request carries the URL-encoded base64 request in the path, so '/' arrives as %2F. Tomcat
 * rejects encoded slashes by default; decoding them is safe here because no path is mapped to files.
 */
@Configuration(proxyBeanMethods = false)
public class OcspHttpConfiguration {

    @Bean
    TomcatConnectorCustomizer decodeEncodedSlashesForOcspGet() {
        return connector -> connector.setEncodedSolidusHandling("decode");
    }
}
