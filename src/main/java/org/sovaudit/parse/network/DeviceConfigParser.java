package org.sovaudit.parse.network;

import java.nio.charset.StandardCharsets;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.ParseException;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;

/**
 * What every network-device parser shares: the id of its {@link DeviceFamily}, detection through
 * {@link DeviceDetection} (so that exactly one dialect accepts a device configuration), the size
 * limit, and the frame of a parse call. A vendor parser supplies the dialect that reads the text.
 */
public abstract class DeviceConfigParser implements Parser {

    /** Largest configuration read, in bytes; the biggest real exports are a few megabytes. */
    public static final long MAX_BYTES = 32L << 20;

    private final DeviceFamily family;

    protected DeviceConfigParser(DeviceFamily family) {
        this.family = family;
    }

    @Override
    public final String id() {
        return family.parserId();
    }

    /** The family this parser reads. */
    public final DeviceFamily family() {
        return family;
    }

    @Override
    public final boolean accepts(SourceFile file) {
        return DeviceDetection.of(file).filter(f -> f == family).isPresent();
    }

    @Override
    public final ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        DeviceReader reader = new DeviceReader(out);
        try {
            read(text(file), reader);
        } catch (ParseException e) {
            out.error(e.line(), e.getMessage());
        }
        reader.finish();
        return out.build();
    }

    /**
     * The file's text: {@link SourceFile#text()}, with a shortcut for the common all-ASCII export
     * (which decodes the same in UTF-8 and ISO-8859-1) that skips the strict UTF-8 decoder.
     */
    static String text(SourceFile file) {
        byte[] bytes = file.bytes();
        for (byte b : bytes) {
            if (b < 0) {
                return file.text();
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Reads the configuration {@code text} into {@code reader}. */
    protected abstract void read(String text, DeviceReader reader);
}
