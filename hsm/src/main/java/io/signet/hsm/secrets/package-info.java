/**
 * Generated secrets kept in files (token PINs, database passwords, service tokens, keys): here because every module
 * that makes one (the embedded stack, the launcher, the audit service) already depends on the hsm library.
 */
package io.signet.hsm.secrets;
