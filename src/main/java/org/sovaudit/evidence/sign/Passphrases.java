package org.sovaudit.evidence.sign;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The passphrase sources: a file, an environment variable's value, an interactive prompt, and the
 * first available of several. Every source refuses a passphrase shorter than {@value #MIN_LENGTH}
 * characters or longer than {@value #MAX_LENGTH}.
 */
public final class Passphrases {

    /** The environment variable the command line reads the passphrase from. */
    public static final String ENVIRONMENT_VARIABLE = "SOVAUDIT_KEY_PASSPHRASE";
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final int MAX_FILE_BYTES = 4096;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Passphrases() {
    }

    /** A fixed passphrase (the value of an environment variable, or a test's). */
    public static PassphraseSource of(String passphrase, String origin) {
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(origin, "origin");
        return (purpose, creating) -> checked(passphrase.toCharArray(), origin);
    }

    /**
     * The first line of {@code file} (without its line end). The file must be a regular file that
     * group and others cannot access, as the key itself: whoever reads it can use the key.
     */
    public static PassphraseSource file(Path file) {
        Objects.requireNonNull(file, "file");
        return (purpose, creating) -> checked(readFile(file), "passphrase file " + file);
    }

    /**
     * Asks on the terminal, without echo; when {@code creating}, asks twice and requires the same
     * answer. Not available when the process has no terminal: a passphrase file or the environment
     * variable is needed then.
     */
    public static PassphraseSource console() {
        return (purpose, creating) -> {
            Console console = terminal();
            if (console == null) {
                throw new KeyException("no terminal to ask for the passphrase of " + purpose);
            }
            char[] first = console.readPassword("Passphrase for %s: ", purpose);
            if (first == null) {
                throw new KeyException("no passphrase entered for " + purpose);
            }
            checked(first.clone(), "the prompt");
            if (creating) {
                char[] again = console.readPassword("The same passphrase again: ");
                boolean same = again != null && Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(first, '\0');
                    throw new KeyException("the two passphrases differ; nothing was changed");
                }
            }
            return first;
        };
    }

    /** Whether the process has an interactive terminal to prompt on. */
    public static boolean interactive() {
        return terminal() != null;
    }

    /**
     * Tries each source in turn; {@code hint} says, when none is given, how to give one.
     *
     * @param sources the candidates in order of preference; null entries are skipped
     */
    public static PassphraseSource firstOf(String hint, PassphraseSource... sources) {
        List<PassphraseSource> available = new ArrayList<>();
        for (PassphraseSource s : sources) {
            if (s != null) {
                available.add(s);
            }
        }
        if (available.isEmpty()) {
            return (purpose, creating) -> {
                throw new KeyException("no passphrase for " + purpose + ": " + hint);
            };
        }
        return available.getFirst();
    }

    private static char[] readFile(Path file) {
        PosixFileAttributes attributes;
        try {
            // Links are followed (secret stores mount files that way); the file they lead to is checked.
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException e) {
            throw new KeyException("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new KeyException("the passphrase file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
        shared.addAll(attributes.permissions());
        shared.retainAll(GROUP_OR_OTHERS);
        if (!shared.isEmpty()) {
            throw new KeyException("refusing the passphrase file " + file + ": its mode "
                    + PosixFilePermissions.toString(attributes.permissions())
                    + " lets group or others read it; restrict it with 'chmod 600 " + file + "'");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new KeyException("the passphrase file " + file + " is " + attributes.size()
                    + " bytes, more than a passphrase file can be (" + MAX_FILE_BYTES + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyException("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] checked(char[] passphrase, String origin) {
        if (passphrase.length < MIN_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new KeyException("the passphrase from " + origin + " is shorter than " + MIN_LENGTH + " characters");
        }
        if (passphrase.length > MAX_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new KeyException("the passphrase from " + origin + " is longer than " + MAX_LENGTH + " characters");
        }
        return passphrase;
    }

    /**
     * The console when it is an interactive terminal. Java 22 and later return a console even when
     * input is redirected, and tell the difference with {@code Console.isTerminal()}, which Java 21
     * lacks; it is looked up when present.
     */
    private static Console terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
