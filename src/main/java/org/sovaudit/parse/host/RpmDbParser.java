package org.sovaudit.parse.host;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;

/**
 * rpm's database of installed packages in its SQLite form ({@code rpmdb.sqlite}, rpm 4.16 and later:
 * Fedora, RHEL 9, openEuler, Anolis, Kylin ...). The file's bytes are opened as an in-memory SQLite
 * database (nothing is written to disk), read-only, with untrusted schema features off and the work
 * of every statement bounded; each row of {@code Packages} holds an rpm header whose {@code NAME},
 * {@code VERSION}, {@code RELEASE}, {@code EPOCH} and {@code VENDOR} are read with bounds checks. A
 * package becomes {@code pkg:rpm/<vendor>/<name>@<version>-<release>} (an epoch is written
 * {@code <epoch>:} before the version), context its vendor as written, role {@code ai-framework} for
 * a short list of AI framework and accelerator runtime packages and {@code software-package}
 * otherwise; rpm's {@code gpg-pubkey} entries are keys, not packages, and are skipped. The older
 * Berkeley DB and NDB forms ({@code Packages}, {@code Packages.db}) are reported as not supported.
 * Evidence is the file as a whole (line 0), with the package's name, version and vendor as snippet.
 */
public final class RpmDbParser implements Parser {

    static final long MAX_BYTES = 128L << 20;
    static final int MAX_PACKAGES = 100_000;
    static final int MAX_HEADER_BYTES = 16 << 20;
    private static final int MAX_INDEX = 1 << 16;
    private static final long MAX_VM_STEPS = 200_000_000L;
    private static final byte[] MAGIC = "SQLite format 3\u0000".getBytes(StandardCharsets.US_ASCII);

    private static final int TAG_NAME = 1000;
    private static final int TAG_VERSION = 1001;
    private static final int TAG_RELEASE = 1002;
    private static final int TAG_EPOCH = 1003;
    private static final int TAG_VENDOR = 1011;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;

    /** Vendors as rpm headers write them, and the purl namespace each stands for. */
    private static final Map<String, String> NAMESPACES = Map.ofEntries(
            Map.entry("red hat", "redhat"), Map.entry("fedora", "fedora"), Map.entry("centos", "centos"),
            Map.entry("openeuler", "openeuler"), Map.entry("rocky", "rocky"), Map.entry("almalinux", "almalinux"),
            Map.entry("oracle", "oracle"), Map.entry("opensuse", "opensuse"), Map.entry("suse", "suse"),
            Map.entry("amazon", "amazon"), Map.entry("kylin", "kylin"), Map.entry("anolis", "anolis"),
            Map.entry("alibaba", "alibaba"), Map.entry("opencloudos", "opencloudos"), Map.entry("tencent", "tencent"),
            Map.entry("uniontech", "uos"), Map.entry("huawei", "huawei"), Map.entry("nvidia", "nvidia"));

    @Override
    public String id() {
        return "rpmdb";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Installed rpm packages (rpmdb.sqlite): package URLs with their vendors";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOFTWARE_PACKAGE, Role.AI_FRAMEWORK);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name();
        if (name.equals("rpmdb.sqlite")) {
            return true;
        }
        return (name.equals("Packages") || name.equals("Packages.db"))
                && ("/" + file.path()).contains("/rpm/") && !isSqlite(file.bytes());
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        byte[] bytes = file.bytes();
        if (!isSqlite(bytes)) {
            out.error(0, file.name().equals("rpmdb.sqlite") ? "not an SQLite database"
                    : "rpm database in Berkeley DB or NDB form; only the SQLite form (rpmdb.sqlite, rpm 4.16 and later) is read");
            return out.build();
        }
        byte[] copy = bytes.clone();
        // a database in WAL mode is read as a rollback-journal one: the in-memory copy has no WAL file
        copy[18] = copy[18] == 2 ? 1 : copy[18];
        copy[19] = copy[19] == 2 ? 1 : copy[19];
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.unwrap(SQLiteConnection.class).deserialize("main", copy);
            ProgressHandler.setHandler(c, 1000, new Budget());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA trusted_schema = OFF");
                s.execute("PRAGMA query_only = ON");
            }
            if (!packagesTable(c)) {
                out.error(0, "no Packages table: not an rpm database");
                return out.build();
            }
            read(c, out);
        } catch (SQLException e) {
            out.error(0, "not a readable rpm database: " + e.getMessage());
        }
        return out.build();
    }

    /** Stops a statement after {@value #MAX_VM_STEPS} virtual-machine steps: a hostile schema cannot spin. */
    private static final class Budget extends ProgressHandler {
        private long steps;

        @Override
        protected int progress() {
            steps += 1000;
            return steps > MAX_VM_STEPS ? 1 : 0;
        }
    }

    private static boolean packagesTable(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT type FROM sqlite_master WHERE name = 'Packages'");
             ResultSet r = p.executeQuery()) {
            return r.next() && "table".equals(r.getString(1));
        }
    }

    private static void read(Connection c, ResultBuilder out) throws SQLException {
        int rows = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT hnum, blob FROM Packages ORDER BY hnum");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                if (++rows > MAX_PACKAGES) {
                    out.error(0, "more than " + MAX_PACKAGES + " packages; the rest was not read");
                    return;
                }
                long hnum = r.getLong(1);
                byte[] blob = r.getBytes(2);
                Header h = blob == null || blob.length > MAX_HEADER_BYTES ? null : Header.parse(blob);
                if (h == null || h.name().isEmpty()) {
                    out.error(0, "package record " + hnum + " is not a readable rpm header");
                    continue;
                }
                if (h.name().equals("gpg-pubkey")) {
                    continue;
                }
                String version = h.version() + (h.release().isEmpty() ? "" : "-" + h.release());
                if (h.epoch() > 0 && !h.version().isEmpty()) {
                    version = h.epoch() + ":" + version;
                }
                String purl = Purls.of("rpm", namespace(h.vendor()), h.name(), h.version().isEmpty() ? "" : version);
                Role role = Purls.aiFramework(h.name()) ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
                String snippet = "rpm " + h.name() + " " + version + (h.vendor().isEmpty() ? "" : " (" + h.vendor() + ")");
                out.add(ObservationKind.PACKAGE, purl, role, 0, snippet, h.vendor());
            }
        }
    }

    /** The purl namespace of a vendor: a known distribution's short name, else the vendor's first word. */
    static String namespace(String vendor) {
        String v = vendor.toLowerCase(Locale.ROOT);
        if (v.isBlank()) {
            return "";
        }
        for (Map.Entry<String, String> e : NAMESPACES.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            if (v.contains(e.getKey())) {
                return e.getValue();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : v.strip().toCharArray()) {
            if (ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9') {
                sb.append(ch);
            } else if (!sb.isEmpty()) {
                break;
            }
        }
        return sb.toString();
    }

    private static boolean isSqlite(byte[] bytes) {
        if (bytes.length < 100) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The fields read from one rpm header blob (as rpm stores it in the database: no lead, no magic). */
    record Header(String name, String version, String release, int epoch, String vendor) {

        /** The header's fields, or null when the blob's index or data do not fit together. */
        static Header parse(byte[] blob) {
            if (blob.length < 8) {
                return null;
            }
            long il = int32(blob, 0) & 0xFFFFFFFFL;
            long dl = int32(blob, 4) & 0xFFFFFFFFL;
            if (il < 1 || il > MAX_INDEX || 8 + 16 * il + dl > blob.length) {
                return null;
            }
            int data = (int) (8 + 16 * il);
            int end = (int) (data + dl);
            String name = "";
            String version = "";
            String release = "";
            String vendor = "";
            int epoch = 0;
            for (int i = 0; i < il; i++) {
                int at = 8 + 16 * i;
                int tag = int32(blob, at);
                int type = int32(blob, at + 4);
                long offset = int32(blob, at + 8) & 0xFFFFFFFFL;
                if (offset >= dl) {
                    continue;
                }
                int start = (int) (data + offset);
                boolean text = type == TYPE_STRING || type == TYPE_STRING_ARRAY || type == TYPE_I18NSTRING;
                switch (tag) {
                    case TAG_NAME -> name = text ? string(blob, start, end) : name;
                    case TAG_VERSION -> version = text ? string(blob, start, end) : version;
                    case TAG_RELEASE -> release = text ? string(blob, start, end) : release;
                    case TAG_VENDOR -> vendor = text ? string(blob, start, end) : vendor;
                    case TAG_EPOCH -> epoch = type == TYPE_INT32 && start + 4 <= end ? Math.max(0, int32(blob, start)) : epoch;
                    default -> {
                    }
                }
            }
            return new Header(name, version, release, epoch, vendor);
        }

        private static String string(byte[] blob, int start, int end) {
            int stop = start;
            while (stop < end && stop - start < 1024 && blob[stop] != 0) {
                stop++;
            }
            return printable(new String(blob, start, stop - start, StandardCharsets.UTF_8)).strip();
        }

        private static String printable(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(c < 0x20 || c == 0x7F ? '?' : c);
            }
            return sb.toString();
        }

        private static int int32(byte[] b, int at) {
            return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        }
    }
}
