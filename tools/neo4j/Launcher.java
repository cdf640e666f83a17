import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Launcher runs an embedded Neo4j Community with its Bolt server on the
 * loopback interface, for kg's tests and development. Authentication is off:
 * the server listens on 127.0.0.1 only.
 *
 * <p>Usage: {@code java Launcher HOME PORT}. HOME holds the data and logs.
 * The process runs until it receives SIGTERM or SIGINT, and then shuts the
 * database down cleanly.
 */
public final class Launcher {
    private static final long PAGE_CACHE_BYTES = 256L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java Launcher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(home);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                // A test server: keep the transaction logs small on disk.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("kg-neo4j: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }, "kg-neo4j-shutdown"));

        String name = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        if (!dbms.database(name).isAvailable(120_000)) {
            System.err.println("kg-neo4j: database " + name + " did not become available");
            System.exit(1);
        }
        System.out.printf("kg-neo4j: ready on bolt://127.0.0.1:%d after %d ms%n",
                port, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }
}
