package io.flashsale.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ as shipped: a valid Prometheus configuration, valid rules, each alert firing on its sample series, and a
 * Grafana dashboard whose queries parse and are the ones docs/OPERATIONS.md gives.
 */
class PrometheusRulesTest {

    @BeforeEach
    void promtool() {
        Promtool.requireOrSkip();
    }

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        Promtool.Result result = Promtool.run(Promtool.DEPLOY, "", "check", "config", "prometheus.yml");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void theRulesAreValidAndEachAlertFiresOnItsSampleSeries() throws Exception {
        Promtool.Result rules = Promtool.run(Promtool.DEPLOY, "", "check", "rules", "alerts.yml");
        assertThat(rules.exit()).as(rules.output()).isZero();
        Promtool.Result tests = Promtool.run(Promtool.DEPLOY, "", "test", "rules", "alerts-test.yml");
        System.out.println(tests.output());
        assertThat(tests.exit()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("SUCCESS");
    }

    @Test
    void theGrafanaDashboardsQueriesParseAndAreTheOnesTheOperationsGuideGives() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(Path.of("..", "deploy", "grafana", "flashsale.json")));
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> queries.add(target.get("expr").asText())));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(9);
        String guide = Files.readString(Path.of("..", "docs", "OPERATIONS.md"));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            assertThat(guide).as("OPERATIONS.md gives the dashboard's query").contains("`" + queries.get(i) + "`");
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, rules);
        Promtool.Result check = Promtool.run(Path.of("."), "", "check", "rules", file.toString());
        assertThat(check.exit()).as(check.output()).isZero();
    }
}
