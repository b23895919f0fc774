package io.flashsale.local;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus' own checker, Debian's {@code prometheus} package: tests that use it are skipped without it, unless
 * {@code FLASHSALE_REQUIRE_PROMTOOL=true} (CI installs it), where its absence fails them.
 */
final class Promtool {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** The deployment's Prometheus files, checked as they are shipped. */
    static final Path DEPLOY = Path.of("..", "deploy", "prometheus");

    record Result(int exit, String output) {
    }

    private Promtool() {
    }

    static void requireOrSkip() {
        boolean there = Files.isExecutable(PROMTOOL);
        if (Boolean.parseBoolean(System.getenv("FLASHSALE_REQUIRE_PROMTOOL"))) {
            assertThat(there).as("promtool installed (Debian's prometheus package)").isTrue();
        }
        Assumptions.assumeTrue(there, "no /usr/bin/promtool");
    }

    /** Runs {@code promtool args...} in {@code directory}, {@code input} on its standard input. */
    static Result run(Path directory, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        return new Result(process.exitValue(), output);
    }
}
