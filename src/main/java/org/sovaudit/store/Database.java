package org.sovaudit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The appliance's SQLite database in WAL mode. One writing connection and one reading connection,
 * each used under its own lock: SQLite has one writer at a time anyway, and WAL lets reads see the
 * last committed state while an audit's long write transaction runs. Opening applies every
 * pending migration in order, each in its own transaction.
 */
public final class Database implements AutoCloseable {

    /** Work done on the connection; may throw {@link SQLException}, which becomes a {@link StoreException}. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating when absent) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory for database " + file + ": " + e.getMessage(), e);
        }
        try {
            Connection connection = connect(file);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
            }
            Database db = new Database(file, connection);
            db.migrate();
            db.reader = connect(file);
            try (Statement st = db.reader.createStatement()) {
                st.execute("PRAGMA query_only=ON");
            }
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one transaction: all of it is committed, or none of it. The exception
     * that made the transaction fail is the one thrown; a failure to roll back is attached to it.
     */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException reset) {
                    // the transaction already failed or was committed; nothing is pending
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("database transaction failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only {@code work} on the reading connection in one read transaction, so that it
     * sees one committed state, never a write in progress.
     */
    public <T> T read(Work<T> work) {
        readLock.lock();
        try {
            reader.setAutoCommit(false);
            try {
                return work.apply(reader);
            } finally {
                reader.rollback();
                reader.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /** The schema version now applied. */
    public int schemaVersion() {
        return read(Database::currentVersion);
    }

    /** Whether the database answers a trivial query; for health checks. */
    public boolean healthy() {
        try {
            return read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    private void migrate() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > Migrations.latest()) {
            throw new StoreException("database " + file + " has schema version " + current
                    + ", newer than this appliance knows (" + Migrations.latest() + "); use a newer release");
        }
        for (Migrations.Migration m : Migrations.ALL) {
            if (m.version() <= current) {
                continue;
            }
            transaction(c -> {
                try (Statement st = c.createStatement()) {
                    for (String sql : m.statements()) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setString(3, Instant.now().toString());
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public void close() {
        lock.lock();
        readLock.lock();
        try {
            if (reader != null) {
                reader.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close database " + file + ": " + e.getMessage(), e);
        } finally {
            readLock.unlock();
            lock.unlock();
        }
    }
}
