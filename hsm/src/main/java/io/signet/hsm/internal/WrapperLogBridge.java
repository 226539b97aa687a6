package io.signet.hsm.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes ipkcs11wrapper's own logging (which otherwise prints to stdout) to SLF4J. Its INFO lines (one per
 * C_OpenSession, the licence banner) are demoted to DEBUG, its DEBUG to TRACE, so a busy signer does not flood the log.
 */
final class WrapperLogBridge implements org.xipki.pkcs11.wrapper.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("io.signet.hsm.pkcs11wrapper");

    @Override
    public void info(String format, Object... arguments) {
        LOG.debug(format, arguments);
    }

    @Override
    public void warn(String format, Object... arguments) {
        LOG.warn(format, arguments);
    }

    @Override
    public void error(String format, Object... arguments) {
        LOG.error(format, arguments);
    }

    @Override
    public void debug(String format, Object... arguments) {
        LOG.trace(format, arguments);
    }

    @Override
    public void trace(String format, Object... arguments) {
        LOG.trace(format, arguments);
    }

    @Override
    public boolean isDebugEnabled() {
        return LOG.isTraceEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isTraceEnabled() {
        return LOG.isTraceEnabled();
    }
}
