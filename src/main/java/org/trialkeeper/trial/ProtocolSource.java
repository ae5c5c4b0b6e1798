package org.trialkeeper.trial;

/** A protocol document as submitted, with the media type it was sent as. */
public record ProtocolSource(String text, String mediaType) {
}
