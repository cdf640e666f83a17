import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Launcher runs embedded Neo4j Community servers with their Bolt connectors
 * on the loopback interface, for kg's tests and development. Authentication
 * is off: the servers listen on 127.0.0.1 only.
 *
 * <p>Usage: {@code java Launcher HOME PORT [COUNT]}. COUNT servers (default
 * 1), each with its own database in HOME/PORT, listen on PORT, PORT+1, and
 * so on: Community has a single user database, and the conformance suite
 * needs several independent stores at once. The process runs until it
 * receives SIGTERM or SIGINT, and then shuts the databases down cleanly.
 *
 * <p>LOAD CSV reads {@code file:///NAME} from HOME/import, the one import
 * directory of every server ({@code neo4j.sh import} prints it), so that
 * tests can load the CSV files kg exports.
 */
public final class Launcher {
    /** PAGE_CACHE_BYTES is shared among the servers. */
    private static final long PAGE_CACHE_BYTES = 256L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java Launcher HOME PORT [COUNT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1;

        long started = System.nanoTime();
        List<DatabaseManagementService> servers = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("kg-neo4j: shutting down");
            List<Thread> stoppers = new ArrayList<>();
            synchronized (servers) {
                for (DatabaseManagementService s : servers) {
                    Thread th = new Thread(s::shutdown, "kg-neo4j-stop");
                    th.start();
                    stoppers.add(th);
                }
            }
            for (Thread th : stoppers) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopped.countDown();
        }, "kg-neo4j-shutdown"));

        // The servers start in parallel: each spends most of its start
        // waiting on its own files.
        List<Thread> starters = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int p = port + i;
            Thread th = new Thread(() -> {
                try {
                    start(home.resolve(Integer.toString(p)), home.resolve("import"), p, count, servers);
                } catch (Exception e) {
                    e.printStackTrace();
                    synchronized (failures) {
                        failures.add(p + ": " + e);
                    }
                }
            }, "kg-neo4j-start-" + p);
            th.start();
            starters.add(th);
        }
        for (Thread th : starters) {
            th.join();
        }
        if (!failures.isEmpty()) {
            System.err.println("kg-neo4j: servers failed to start: " + failures);
            System.exit(1);
        }
        System.out.printf("kg-neo4j: ready on bolt://127.0.0.1:%d (%d servers) after %d ms%n",
                port, count, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    private static void start(Path dir, Path importDir, int port, int count, List<DatabaseManagementService> servers)
            throws Exception {
        Files.createDirectories(dir);
        Files.createDirectories(importDir);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES / count)
                // Test servers: keep the transaction logs small on disk.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .build();
        synchronized (servers) {
            servers.add(dbms);
        }
        String name = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        if (!dbms.database(name).isAvailable(120_000)) {
            throw new IllegalStateException("database " + name + " did not become available");
        }
    }
}
