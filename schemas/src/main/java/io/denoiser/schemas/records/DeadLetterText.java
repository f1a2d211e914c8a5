package io.denoiser.schemas.records;

import io.denoiser.schemas.validation.ReasonCode;

/**
 * Makes the texts of a dead letter valid whatever the input put into them. Field names and messages are built
 * from the failed record (a field may be named {@code ""}, be 50,000 characters long, or hold half of a
 * surrogate pair through a JSON escape), and a dead letter that cannot be built or written would stop the app
 * on that record. So: an empty field name is left out (the message still names it), long texts are cut, and
 * unpaired surrogates become U+FFFD.
 */
final class DeadLetterText {

    /** Longer than any field path of the schemas; a longer one is the input's invention. */
    static final int MAX_FIELD_CHARS = 256;

    static final int MAX_MESSAGE_CHARS = 1000;

    private static final String CUT = "...";

    private DeadLetterText() {}

    /** The field to record, or {@code null} when there is none that can be written. */
    static String field(String field) {
        if (field == null || field.isEmpty()) {
            return null;
        }
        return cut(wellFormed(field), MAX_FIELD_CHARS);
    }

    /** A non-empty message of at most {@value #MAX_MESSAGE_CHARS} characters (plus the mark of a cut). */
    static String message(String message, ReasonCode reason) {
        if (message == null || message.isEmpty()) {
            return reason + ": " + reason.description();
        }
        return cut(wellFormed(message), MAX_MESSAGE_CHARS);
    }

    static String cut(String text, int maxChars) {
        int limit = Math.max(1, maxChars);
        if (text.length() <= limit) {
            return text;
        }
        int end = limit > 1 && Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + CUT;
    }

    /** The text with every unpaired surrogate replaced by U+FFFD, so that it has a UTF-8 form. */
    private static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
