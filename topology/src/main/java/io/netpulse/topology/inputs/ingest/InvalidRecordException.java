package io.netpulse.topology.inputs.ingest;

/**
 * Thrown inside a parser when an input record is invalid; the parser turns it into {@link Parsed.Rejected} with
 * the message as the dead-letter reason. It never leaves a {@link RecordParser}.
 */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
