/** Event contracts: topic names, CloudEvents headers, one record per event payload. */
package io.signet.schemas;
