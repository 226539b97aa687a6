/** The signers' ID provider: verification of its JWTs, shared by every service that accepts them. */
package io.signet.platform.identity;
