package io.signet.schemas;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding (binary content mode) plus W3C trace context.
 * Values are UTF-8 strings.
 */
public final class Headers {

    /** Event id, unique per producer and source (a UUID here); consumers deduplicate by it. */
    public static final String CE_ID = "ce_id";

    /** Versioned event type, e.g. {@code signet.sign.requested.v1} (see {@link EventTypes}). */
    public static final String CE_TYPE = "ce_type";

    /** URI reference of the producing service, e.g. {@code /signet/sign-worker}. */
    public static final String CE_SOURCE = "ce_source";

    /** Time the event happened, RFC 3339 (ISO-8601) in UTC. */
    public static final String CE_TIME = "ce_time";

    /** Subject of the event: always equal to the record key (signatureId, requestId, certificateId or keyId). */
    public static final String CE_SUBJECT = "ce_subject";

    /** CloudEvents specification version; always {@link #SPEC_VERSION}. */
    public static final String CE_SPECVERSION = "ce_specversion";

    /** Media type of the record value; always {@link #JSON}. The binding maps {@code datacontenttype} here. */
    public static final String CONTENT_TYPE = "content-type";

    /** W3C Trace Context {@code traceparent} ({@code 00-<trace-id>-<parent-id>-<flags>}), when known. */
    public static final String TRACEPARENT = "traceparent";

    /** The only CloudEvents version Signet writes and reads. */
    public static final String SPEC_VERSION = "1.0";

    /** Content type of every Signet event payload. */
    public static final String JSON = "application/json";

    private Headers() {}
}
