package org.sovaudit.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sovaudit.model.Digests;
import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/**
 * The host the appliance runs on, read-only: the well-known paths of {@link #TARGETS} under a root
 * ({@code /} in production; tests give a fake tree). Logical paths are the host paths without the
 * leading slash ({@code etc/resolv.conf}, {@code proc/net/tcp}); when the host is audited together
 * with other sources the audit puts them under this collector's name ({@code localhost/...}).
 *
 * <p>Nothing is written and no privilege is needed. A path that does not exist is skipped silently;
 * one that exists but cannot be read is reported as a file error (once per directory that cannot be
 * searched), never fatal. Symbolic links are followed only inside the root ({@link RootedPaths}:
 * absolute targets start again at the root, loops stop after {@value RootedPaths#MAX_LINKS} links);
 * only regular files are read, through the per-file bound (files under {@code /proc} report no size,
 * so the bound is what limits them); two paths that lead to the same file are read once. The rpm
 * database is read in its SQLite form ({@code rpmdb.sqlite}); a Berkeley DB or NDB database is
 * reported as not supported rather than read.
 */
public final class LocalHostCollector implements Collector {

    /**
     * What is read, in order. A {@code *} stands for any name within one path segment (hidden
     * names included); each pattern names files, never directories.
     */
    static final List<String> TARGETS = List.of(
            // names and resolvers
            "etc/resolv.conf", "run/systemd/resolve/resolv.conf", "etc/systemd/resolved.conf",
            "etc/systemd/resolved.conf.d/*.conf", "etc/hosts", "etc/nsswitch.conf",
            // package sources
            "etc/apt/sources.list", "etc/apt/sources.list.d/*.list", "etc/apt/sources.list.d/*.sources",
            "etc/yum.conf", "etc/dnf/dnf.conf", "etc/yum.repos.d/*.repo", "etc/zypp/repos.d/*.repo",
            "etc/apk/repositories",
            // time
            "etc/chrony.conf", "etc/chrony/chrony.conf", "etc/chrony/conf.d/*.conf", "etc/chrony/sources.d/*.sources",
            "etc/ntp.conf", "etc/ntpsec/ntp.conf", "etc/openntpd/ntpd.conf", "etc/systemd/timesyncd.conf",
            "etc/systemd/timesyncd.conf.d/*.conf",
            // logging
            "etc/rsyslog.conf", "etc/rsyslog.d/*.conf", "etc/syslog.conf", "etc/syslog-ng/syslog-ng.conf",
            "etc/syslog-ng/conf.d/*.conf", "etc/systemd/journal-upload.conf", "etc/systemd/journal-upload.conf.d/*.conf",
            // containers
            "etc/docker/daemon.json", "etc/containerd/config.toml", "etc/containerd/certs.d/*/hosts.toml",
            "etc/containers/registries.conf", "etc/containers/registries.conf.d/*.conf",
            // language package proxies, system-wide and per user
            "etc/pip.conf", "etc/xdg/pip/pip.conf", "etc/npmrc", "usr/etc/npmrc", "usr/local/etc/npmrc",
            "etc/maven/settings.xml", "usr/share/maven/conf/settings.xml", "usr/local/go/go.env", "usr/lib/go/go.env",
            "etc/environment", "etc/profile.d/*.sh",
            "root/.npmrc", "root/.pip/pip.conf", "root/.config/pip/pip.conf", "root/.m2/settings.xml",
            "root/.config/go/env", "root/.config/docker/daemon.json",
            "home/*/.npmrc", "home/*/.pip/pip.conf", "home/*/.config/pip/pip.conf", "home/*/.m2/settings.xml",
            "home/*/.config/go/env", "home/*/.config/docker/daemon.json",
            // directory and authentication clients (sssd.conf is readable by root only: reported when it is not read)
            "etc/sssd/sssd.conf", "etc/sssd/conf.d/*.conf", "etc/krb5.conf", "etc/krb5.conf.d/*", "etc/nslcd.conf",
            "etc/ldap/ldap.conf", "etc/openldap/ldap.conf", "etc/pam_ldap.conf", "etc/pam_radius_auth.conf",
            "etc/raddb/server", "etc/tacplus_servers", "etc/samba/smb.conf",
            "etc/ipa/default.conf", "etc/pam.d/*",
            // the operating system and its trust store
            "etc/os-release", "usr/lib/os-release", "etc/lsb-release",
            "etc/ssl/certs/ca-certificates.crt", "etc/pki/tls/certs/ca-bundle.crt",
            "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            // the kernel's view of the network
            "proc/net/route", "proc/net/ipv6_route", "proc/net/tcp", "proc/net/tcp6", "proc/net/arp",
            // leases this host handed out
            "var/lib/misc/dnsmasq.leases", "var/lib/dhcp/dhcpd.leases", "var/lib/dhcpd/dhcpd.leases",
            // installed packages
            "var/lib/dpkg/status", "var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite");

    /** rpm databases in forms the appliance does not read, reported when no SQLite form is present. */
    static final List<String> UNSUPPORTED_RPMDB = List.of(
            "var/lib/rpm/Packages", "var/lib/rpm/Packages.db", "usr/lib/sysimage/rpm/Packages.db");

    /** Names looked at in one directory for one {@code *}. */
    static final int MAX_LISTED = 1000;

    private final Path root;
    private final CollectLimits limits;

    /** Reads the host under {@code root} (tests give a fake tree). */
    public LocalHostCollector(Path root, CollectLimits limits) {
        this.root = root;
        this.limits = limits;
    }

    /** Reads the host the appliance runs on. */
    public static LocalHostCollector create(CollectLimits limits) {
        return new LocalHostCollector(Path.of("/"), limits);
    }

    @Override
    public String name() {
        return "localhost";
    }

    @Override
    public void collect(FileSink sink) {
        RootedPaths paths;
        try {
            paths = new RootedPaths(root);
        } catch (IOException e) {
            throw new CollectException("cannot read the host root " + root + ": " + DirectoryCollector.describe(e), e);
        }
        new Run(paths, sink).all();
    }

    private final class Run {
        final RootedPaths paths;
        final FileSink sink;
        final Budget budget = new Budget(limits);
        final Set<String> deniedReported = new HashSet<>();
        final Set<Path> read = new HashSet<>();
        boolean stopped;

        Run(RootedPaths paths, FileSink sink) {
            this.paths = paths;
            this.sink = sink;
        }

        void all() {
            boolean rpmdb = false;
            for (String target : TARGETS) {
                for (String logical : expand(target)) {
                    if (stopped) {
                        return;
                    }
                    boolean found = read(logical);
                    rpmdb |= found && logical.endsWith("rpmdb.sqlite");
                }
            }
            if (!rpmdb) {
                for (String logical : UNSUPPORTED_RPMDB) {
                    if (exists(logical)) {
                        sink.reject(FileError.wholeFile(logical, "rpm database in Berkeley DB or NDB form; only the "
                                + "SQLite form (rpmdb.sqlite, rpm 4.16 and later) is read, so installed rpm packages "
                                + "are not listed"));
                        break;
                    }
                }
            }
        }

        /** The concrete paths a pattern stands for, in name order. */
        List<String> expand(String pattern) {
            List<String> out = new ArrayList<>();
            expand("", pattern.split("/"), 0, out);
            return out;
        }

        private void expand(String prefix, String[] segments, int i, List<String> out) {
            if (i == segments.length) {
                out.add(prefix);
                return;
            }
            String segment = segments[i];
            if (segment.indexOf('*') < 0) {
                expand(prefix.isEmpty() ? segment : prefix + "/" + segment, segments, i + 1, out);
                return;
            }
            List<String> names = list(prefix);
            for (String name : names) {
                if (matches(segment, name)) {
                    expand(prefix.isEmpty() ? name : prefix + "/" + name, segments, i + 1, out);
                }
            }
        }

        /** The names in a directory, sorted, at most {@value #MAX_LISTED}; none when it is missing. */
        private List<String> list(String directory) {
            List<String> names = new ArrayList<>();
            Path dir;
            try {
                dir = paths.resolve(directory);
            } catch (NoSuchFileException | NotDirectoryException e) {
                return names;
            } catch (AccessDeniedException e) {
                denied(e.getFile());
                return names;
            } catch (IOException e) {
                sink.reject(FileError.wholeFile(directory, "cannot list: " + reason(e)));
                return names;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return names;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            } catch (AccessDeniedException e) {
                denied(directory);
                return names;
            } catch (IOException e) {
                sink.reject(FileError.wholeFile(directory, "cannot list: " + reason(e)));
                return names;
            }
            names.sort(null);
            if (names.size() > MAX_LISTED) {
                sink.reject(FileError.wholeFile(directory, "more than " + MAX_LISTED
                        + " entries; only the first " + MAX_LISTED + " in name order were looked at"));
                return names.subList(0, MAX_LISTED);
            }
            return names;
        }

        private boolean exists(String logical) {
            try {
                paths.resolve(logical);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Reads one file; returns whether it was there to be read. */
        private boolean read(String logical) {
            Path file;
            try {
                file = paths.resolve(logical);
            } catch (NoSuchFileException | NotDirectoryException e) {
                return false;
            } catch (AccessDeniedException e) {
                denied(e.getFile());
                return true;
            } catch (FileSystemLoopException e) {
                sink.reject(FileError.wholeFile(logical, "too many levels of symbolic links (a loop); not followed"));
                return true;
            } catch (IOException e) {
                sink.reject(FileError.wholeFile(logical, "cannot read: " + reason(e)));
                return true;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                sink.reject(FileError.wholeFile(logical, "cannot read: " + reason(e)));
                return true;
            }
            if (attrs.isDirectory()) {
                sink.reject(FileError.wholeFile(logical, "a directory where a file was expected; not read"));
                return true;
            }
            if (!attrs.isRegularFile()) {
                sink.reject(FileError.wholeFile(logical, "not a regular file (device, FIFO or socket); not read"));
                return true;
            }
            if (!read.add(file)) {
                return true;
            }
            if (!budget.admitFile()) {
                sink.reject(FileError.wholeFile(logical, budget.exhausted()));
                stopped = true;
                return true;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes((int) Math.min(limits.maxFileBytes() + 1, Integer.MAX_VALUE - 8));
            } catch (AccessDeniedException e) {
                sink.reject(FileError.wholeFile(logical, "permission denied"));
                return true;
            } catch (IOException e) {
                sink.reject(FileError.wholeFile(logical, "cannot read: " + reason(e)));
                return true;
            }
            if (bytes.length > limits.maxFileBytes()) {
                sink.reject(FileError.wholeFile(logical, "larger than the per-file limit of " + limits.maxFileBytes()
                        + " bytes; not read"));
                return true;
            }
            if (!budget.admitBytes(bytes.length)) {
                sink.reject(FileError.wholeFile(logical, budget.exhausted()));
                stopped = true;
                return true;
            }
            budget.spend(bytes.length);
            sink.accept(new SourceFile(logical, bytes, Digests.sha256Hex(bytes)));
            return true;
        }

        /** One error per directory that cannot be searched or file that cannot be read. */
        private void denied(String logical) {
            if (deniedReported.add(logical)) {
                sink.reject(FileError.wholeFile(logical, "permission denied; not read"));
            }
        }
    }

    /** Whether {@code name} matches a one-segment pattern with {@code *} wildcards. */
    static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    private static boolean matches(String p, int i, String s, int j) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = s.length(); k >= j; k--) {
                    if (matches(p, i + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= s.length() || s.charAt(j) != c) {
                return false;
            }
            i++;
            j++;
        }
        return j == s.length();
    }

    private static String reason(IOException e) {
        return DirectoryCollector.describe(e);
    }
}
