package io.flashsale.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The simulation's PNG: requests offered and answered per second above, p99 latency per second below. */
final class SimulationChart {

    private SimulationChart() {
    }

    static void write(List<Map<String, Object>> perSecond, String title, Path png) throws IOException {
        XYSeries offered = new XYSeries("offered req/s");
        XYSeries answered = new XYSeries("answered req/s");
        XYSeries p99 = new XYSeries("p99 ms (from scheduled time)");
        for (Map<String, Object> row : perSecond) {
            int second = (int) row.get("second");
            offered.add(second, ((Number) row.get("offered")).doubleValue());
            answered.add(second, ((Number) row.get("answered")).doubleValue());
            p99.add(second, ((Number) row.get("p99Millis")).doubleValue());
        }
        XYPlot rates = new XYPlot(new XYSeriesCollection(offered), null, new NumberAxis("requests/s"),
                new XYLineAndShapeRenderer(true, false));
        rates.setDataset(0, collection(offered, answered));
        XYPlot latency = new XYPlot(new XYSeriesCollection(p99), null, new NumberAxis("p99 ms"),
                new XYLineAndShapeRenderer(true, false));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("second of the sale"));
        plot.add(rates, 2);
        plot.add(latency, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }

    private static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (XYSeries s : series) {
            collection.addSeries(s);
        }
        return collection;
    }
}
