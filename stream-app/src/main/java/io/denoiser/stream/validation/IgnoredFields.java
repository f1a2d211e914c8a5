package io.denoiser.stream.validation;

import io.denoiser.stream.source.SourceCoordinates;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the input records that carried fields the noisy-image schema does not define, which the app ignored
 * (forward compatibility), and logs them: INFO the first time a field name is seen, so that a producer's new
 * field shows up once, DEBUG for every record. Field names come from any producer, so the log shows at most
 * {@value #MAX_NAME_CHARS} characters of one and remembers at most {@value #MAX_REMEMBERED_NAMES} names.
 * Thread-safe: one instance serves every stream thread.
 */
public final class IgnoredFields {

    private static final Logger LOG = LoggerFactory.getLogger(IgnoredFields.class);
    static final int MAX_NAME_CHARS = 64;
    static final int MAX_REMEMBERED_NAMES = 256;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final LongAdder records = new LongAdder();
    private final Set<String> seenNames = ConcurrentHashMap.newKeySet();

    /** Records the fields one arriving record carried and the app ignored; nothing when there were none. */
    void record(List<String> fields, SourceCoordinates source) {
        if (fields.isEmpty()) {
            return;
        }
        records.increment();
        List<String> shown = fields.stream().map(IgnoredFields::shown).toList();
        for (String name : shown) {
            if (seenNames.size() < MAX_REMEMBERED_NAMES && seenNames.add(name)) {
                LOG.info(
                        "ignored the unknown field {} of a noisy image at {} (first seen; set"
                                + " input.unknown.fields=reject to refuse such records)",
                        name,
                        source);
            }
        }
        LOG.debug("ignored the unknown fields {} of the noisy image at {}", shown, source);
    }

    /** How many input records carried unknown fields that were ignored, since the app started. */
    public long records() {
        return records.sum();
    }

    /** Quoted, without control characters (no forged log lines), cut when long. */
    private static String shown(String name) {
        String quoted = "\"" + CONTROL.matcher(name).replaceAll("?") + "\"";
        return quoted.length() <= MAX_NAME_CHARS ? quoted : quoted.substring(0, MAX_NAME_CHARS) + "...";
    }
}
