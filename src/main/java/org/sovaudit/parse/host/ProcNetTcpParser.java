package org.sovaudit.parse.host;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * The kernel's TCP socket tables ({@code /proc/net/tcp}, {@code /proc/net/tcp6}): the remote address
 * of every established connection (state {@code 01}) is a remote peer. The context says which way
 * the connection goes: {@code inbound tcp/<local port>} when the local port is one the host listens
 * on (state {@code 0A} in the same table), else {@code outbound tcp/<remote port>}. Loopback peers
 * are the host itself and are skipped. Addresses are decoded from the kernel's little-endian hex
 * (see {@link ProcNetHex}).
 */
public final class ProcNetTcpParser implements Parser {

    static final long MAX_BYTES = 32L << 20;
    private static final Pattern HEADER = Pattern.compile("^\\s*sl\\s+local_address\\s+rem(?:ote)?_address\\s+st\\s");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";

    @Override
    public String id() {
        return "proc-net-tcp";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Kernel TCP tables (/proc/net/tcp, /proc/net/tcp6): peers of established connections";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REMOTE_PEER);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return HEADER.matcher(file.head(256)).lookingAt();
    }

    /** One socket row. */
    private record Row(int line, String raw, byte[] local, int localPort, byte[] remote, int remotePort, String state) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        List<Row> rows = new java.util.ArrayList<>();
        Set<Integer> listening = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || HEADER.matcher(raw).lookingAt()) {
                continue;
            }
            Row row = row(s, i + 1, raw);
            if (row == null) {
                out.error(i + 1, "socket row is not in the kernel's format (sl: local remote state ...)");
                continue;
            }
            if (row.state().equals(LISTEN)) {
                listening.add(row.localPort());
            }
            rows.add(row);
        }
        for (Row row : rows) {
            if (!row.state().equals(ESTABLISHED) || Addresses.local(row.remote())) {
                continue;
            }
            String context = listening.contains(row.localPort())
                    ? "inbound tcp/" + row.localPort() : "outbound tcp/" + row.remotePort();
            out.add(ObservationKind.IP_ADDRESS, ProcNetHex.format(unmapped(row.remote())), Role.REMOTE_PEER, row.line(),
                    row.raw(), context);
        }
        return out.build();
    }

    private static Row row(String s, int line, String raw) {
        String[] f = WHITESPACE.split(s);
        if (f.length < 4 || !f[0].endsWith(":")) {
            return null;
        }
        int lc = f[1].indexOf(':');
        int rc = f[2].indexOf(':');
        if (lc < 0 || rc < 0 || f[3].length() != 2) {
            return null;
        }
        byte[] local = ProcNetHex.wordsAddress(f[1].substring(0, lc));
        byte[] remote = ProcNetHex.wordsAddress(f[2].substring(0, rc));
        int localPort = ProcNetHex.port(f[1].substring(lc + 1));
        int remotePort = ProcNetHex.port(f[2].substring(rc + 1));
        if (local == null || remote == null || localPort < 0 || remotePort < 0 || local.length != remote.length) {
            return null;
        }
        return new Row(line, raw, local, localPort, remote, remotePort, f[3].toUpperCase(java.util.Locale.ROOT));
    }

    /** An IPv4-mapped IPv6 peer of a tcp6 socket as the IPv4 address it is. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if ((a[10] & 0xFF) != 0xFF || (a[11] & 0xFF) != 0xFF) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }
}
