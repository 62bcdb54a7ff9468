package org.sovaudit.parse.iac.terraform;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps what hcl4j prints to the console ({@code Conditional Matched:}, {@code Operation Matched:} from
 * its lexer, {@code Does not match} from its parser) out of the appliance's output, without touching
 * what any other thread prints. On first use {@link System#out} and {@link System#err} are wrapped
 * once in streams that drop bytes written by a thread between {@link #enter} and {@link #leave}; every other thread writes
 * through unchanged.
 */
final class QuietConsole {

    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static boolean installed;

    private QuietConsole() {
    }

    /**
     * Drops this thread's console output until the matching {@link #leave}; returns whether this call
     * started the quiet stretch (nested calls leave it to the outermost).
     */
    static boolean enter() {
        install();
        if (QUIET.get()) {
            return false;
        }
        QUIET.set(Boolean.TRUE);
        return true;
    }

    /** Ends the quiet stretch {@link #enter} started when it returned true. */
    static void leave(boolean started) {
        if (started) {
            QUIET.set(Boolean.FALSE);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        System.setOut(filtered(System.out));
        System.setErr(filtered(System.err));
        installed = true;
    }

    /** {@code original} behind the gate: bytes a thread writes between {@link #enter} and {@link #leave} are dropped. */
    static PrintStream filtered(PrintStream original) {
        OutputStream gate = new FilterOutputStream(original) {
            @Override
            public void write(int b) {
                if (!QUIET.get()) {
                    original.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!QUIET.get()) {
                    original.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }

            @Override
            public void close() throws IOException {
                original.close();
            }
        };
        return new PrintStream(gate, true, StandardCharsets.UTF_8);
    }
}
