package dev.tocsin.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Embedded PostgreSQL (real server binaries shipped in a jar, by zonky) with a {@code tocsin}
 * database. Each service creates its own schema in it.
 */
public final class Postgres implements AutoCloseable {

    public static final String DATABASE = "tocsin";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** A fresh server on a free port, data under {@code dataDir} wiped first. */
    public static Postgres start(Path dataDir) {
        return start(dataDir, FreePorts.next(), true);
    }

    /** A server on {@code port}; with {@code fresh} false the data under {@code dataDir} is kept. */
    public static Postgres start(Path dataDir, int port, boolean fresh) {
        try {
            // zonky unpacks its binaries under java.io.tmpdir, which builds point into target/.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(fresh)
                    .setPort(port)
                    // Four services, each with a reactive and a JDBC pool, share one server.
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(
                            dataDir.getFileName() + ".log").toFile()));
            if ("true".equals(System.getenv("TOCSIN_PG_STAT_STATEMENTS"))) {
                // For benchmarks: where the server's time goes, per statement (bench/provider-latency.sh).
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres server = builder.start();
            Postgres postgres = new Postgres(server);
            postgres.createDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public Database database() {
        return new Database("localhost", server.getPort(), DATABASE, "postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabase() {
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet exists = c.createStatement()
                        .executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                c.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }
}
