package org.sovaudit.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where knowledge-base files are read from: a directory on disk (an update) or the classpath (the
 * copy inside the jar). Each file is read whole, up to a size cap.
 */
abstract class KbFiles {

    /** No knowledge-base file may be larger than this. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    /** The file's bytes; throws {@link AttributionException} naming the file when it cannot be read. */
    abstract byte[] read(String relative);

    /** How a file is named in messages, e.g. {@code /opt/sovaudit/models/kb/groups.yaml}. */
    abstract String describe(String relative);

    static KbFiles directory(Path dir) {
        return new KbFiles() {
            @Override
            byte[] read(String relative) {
                Path file = dir.resolve(relative);
                try {
                    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw new AttributionException(describe(relative) + ": knowledge-base file is missing or not a regular file");
                    }
                    if (Files.size(file) > MAX_FILE_BYTES) {
                        throw new AttributionException(describe(relative) + ": knowledge-base file is larger than "
                                + MAX_FILE_BYTES + " bytes");
                    }
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new AttributionException(describe(relative) + ": cannot read knowledge-base file: " + e.getMessage(), e);
                }
            }

            @Override
            String describe(String relative) {
                return dir.resolve(relative).toString();
            }
        };
    }

    static KbFiles classpath(String base) {
        return new KbFiles() {
            @Override
            byte[] read(String relative) {
                String name = base + relative;
                try (InputStream in = KbFiles.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new AttributionException(describe(relative) + ": knowledge-base file is missing from the classpath");
                    }
                    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                    if (bytes.length > MAX_FILE_BYTES) {
                        throw new AttributionException(describe(relative) + ": knowledge-base file is larger than "
                                + MAX_FILE_BYTES + " bytes");
                    }
                    return bytes;
                } catch (IOException e) {
                    throw new AttributionException(describe(relative) + ": cannot read knowledge-base file: " + e.getMessage(), e);
                }
            }

            @Override
            String describe(String relative) {
                return "classpath:" + base + relative;
            }
        };
    }

    /** Shared by both: reads a classpath resource whole, up to {@code max} bytes. */
    static byte[] resource(String name, int max) {
        try (InputStream in = KbFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AttributionException("classpath:" + name + " is missing");
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new AttributionException("classpath:" + name + " is larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new AttributionException("cannot read classpath:" + name + ": " + e.getMessage(), e);
        }
    }
}
