/** PKCS#11 access: module loading, token selection, login, session pool, keys and signing. */
package io.signet.hsm;
