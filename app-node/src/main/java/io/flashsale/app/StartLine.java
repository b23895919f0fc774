package io.flashsale.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line an operator finds first, once the node takes requests: what runs, where, with which grid. */
@Component
class StartLine {

    private static final Logger log = LoggerFactory.getLogger(StartLine.class);

    private final FlashSaleProperties properties;

    StartLine(FlashSaleProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        log.info("flashsale app-node {} up: http port {}, cluster '{}', members {}",
                StartLine.class.getPackage().getImplementationVersion(),
                event.getApplicationContext().getEnvironment().getProperty("local.server.port"),
                properties.clusterName(), properties.members());
    }
}
