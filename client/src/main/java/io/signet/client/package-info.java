/** The relying-party library and the {@code signet} command line. */
package io.signet.client;
