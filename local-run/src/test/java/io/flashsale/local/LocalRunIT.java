package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command as a newcomer runs it ({@code java -jar local-run/target/local-run.jar}, in a fresh
 * directory): the console holds what an operator reads (the URLs, the token, warnings), not the libraries'
 * configuration dumps, which go to the log file; the demo sale answers; the README's curl walkthrough and the
 * console's "buy one" line work as printed; SIGTERM stops it all.
 */
class LocalRunIT {

    /** The value after {@code label} on the console line that starts with it. */
    private static String printed(List<String> console, String label) {
        return console.stream().map(String::trim).filter(l -> l.startsWith(label)).findFirst().orElseThrow()
                .substring(label.length()).trim();
    }

    /** Runs {@code script} with bash and {@code env}; answers what it printed (stdout and stderr). */
    private static String bash(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process bash = builder.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }

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

            // The README's walkthrough, as a newcomer pastes it, with the two tokens the console printed.
            String admin = printed(seen, "admin token");
            String buyer = printed(seen, "buyer token");
            String readme = Files.readString(Path.of("..", "README.md"));
            String walkthrough = readme.split("## A sale with curl", 2)[1].split("```", 3)[1];
            String answers = bash(walkthrough, Map.of("B", "http://127.0.0.1:" + ports[1], "ADMIN", admin,
                    "BUYER", buyer));
            System.out.printf("LocalRunIT: the README's walkthrough answered:%n%s%n", answers);
            assertThat(answers).contains("\"status\":\"ACTIVE\"").contains("\"userId\":\"ana\"")
                    .contains("urn:flashsale:problem:order-not-found").contains("\"status\":\"PAID\"")
                    .contains("\"sold\":1,").contains("\"unitsInDatabase\":1,").contains("\"pendingWrites\":0");
            // And the console's own "buy one" line.
            String buyOne = seen.stream().filter(l -> l.contains("buy one")).findFirst().orElseThrow()
                    .replaceFirst("^\\s*buy one\\s*", "").replace(":8080", ":" + ports[1]);
            assertThat(bash(buyOne, Map.of())).contains("\"status\":\"ACCEPTED\"").contains("\"userId\":\"u-1\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            reader.join(5_000);
        }
    }
}
