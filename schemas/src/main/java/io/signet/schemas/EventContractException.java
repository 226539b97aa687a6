package io.signet.schemas;

/**
 * A message does not keep the event contract: unknown or unexpected type, missing CloudEvents header, wrong content
 * type or a payload that does not decode. Permanent: retrying the same record cannot help, so error handlers should
 * send it to the dead-letter topic. Messages name types, headers and JSON paths, never payload values.
 */
public class EventContractException extends RuntimeException {

    public EventContractException(String message) {
        super(message);
    }
}
