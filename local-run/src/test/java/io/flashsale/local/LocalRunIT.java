package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command as a newcomer runs it ({@code java -jar local-run/target/local-run.jar}, in a fresh
 * directory): the console holds what an operator reads (the URLs, the token, warnings), not the libraries'
 * configuration dumps, which go to the log file; the demo sale answers; SIGTERM stops it all.
 */
class LocalRunIT {

    @Test
    void theConsoleShowsWhatAnOperatorReadsAndTheRestGoesToTheLogFile() throws Exception {
        Path dir = Files.createTempDirectory("local-run");
        Path jar = Path.of("target", "local-run.jar").toAbsolutePath();
        assertThat(jar).as("run after 'package' (./mvnw verify does)").exists();
        int[] ports = LocalPorts.free(2);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", jar.toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("FLASHSALE_PORT", String.valueOf(ports[0]));
        builder.environment().put("SERVER_PORT", String.valueOf(ports[1]));
        builder.environment().remove("FLASHSALE_DB_URL");
        Process process = builder.start();
        List<String> console = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    console.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(3, TimeUnit.MINUTES).until(() -> console.stream().anyMatch(l -> l.contains("audit "))
                    || !process.isAlive());
            List<String> seen = List.copyOf(console);
            System.out.printf("LocalRunIT: %d console lines up to the URLs:%n%s%n", seen.size(),
                    String.join("\n", seen));
            assertThat(process.isAlive()).as("still running").isTrue();
            assertThat(seen).anyMatch(l -> l.contains("dashboard"));
            assertThat(seen).noneMatch(l -> l.contains("values:") || l.contains("AbstractConfig"));
            assertThat(seen.size()).as("console lines").isLessThan(45);
            Api api = new Api("http://127.0.0.1:" + ports[1], null);
            assertThat(api.get("/api/sales/demo-sale").status()).isEqualTo(200);
            assertThat(dir.resolve(".flashsale-local.log")).as("the full log").isNotEmptyFile();
        } finally {
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            reader.join(5_000);
        }
    }
}
