package io.flashsale.app.web;

import io.flashsale.app.FlashSaleProperties;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request's body before the request takes a thread: with the servlet API's non-blocking input, so a client
 * that sends the headers and then trickles the body (or stops) holds no request thread while it does; the request
 * runs on once the whole body is in memory. A body larger than {@link JsonBody#MAX_BODY_BYTES} is 413 (an announced
 * one before a byte of it is read), one not complete within {@code flashsale.body-read-timeout} 408, and the
 * connection closed either way. Without it, 250 clients that sent
 * one byte of a 100-byte body held Tomcat's 200 threads and the node answered nobody.
 *
 * <p>Written here because neither Tomcat nor Spring MVC buffers a body before dispatching. Once read, the request is
 * dispatched again (an async dispatch, on a container thread) and the rest of the chain runs; requests without a
 * body pass straight on.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BufferedBodies implements Filter {

    private static final Logger log = LoggerFactory.getLogger(BufferedBodies.class);

    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("body-read-deadlines").daemon(true).build());

    BufferedBodies(FlashSaleProperties properties) {
        this.timeout = properties.bodyReadTimeout();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getDispatcherType() != DispatcherType.REQUEST || !request.isAsyncSupported()
                || !hasBody(request)) {
            chain.doFilter(req, resp);
            return;
        }
        if (request.getContentLengthLong() > JsonBody.MAX_BODY_BYTES) {
            HttpServletResponse response = (HttpServletResponse) resp;
            response.setHeader("Connection", "close");
            ProblemNames.send(response, 413, tooLarge());
            response.flushBuffer();
            return;
        }
        Buffered buffered = new Buffered(request);
        AsyncContext async = request.startAsync(buffered, resp);
        async.setTimeout(0); // our own deadline below: the container's would also cut the request's processing
        Reading reading = new Reading(request, buffered, (HttpServletResponse) resp, async);
        reading.deadline = deadlines.schedule(reading::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.getInputStream().setReadListener(reading);
    }

    private static String tooLarge() {
        return "the body is larger than " + JsonBody.MAX_BODY_BYTES + " bytes";
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /** One body being read; ends exactly once: run, refused, timed out or failed. */
    private final class Reading implements ReadListener {
        private final HttpServletRequest request;
        private final Buffered buffered;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean ended = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;

        Reading(HttpServletRequest request, Buffered buffered, HttpServletResponse response, AsyncContext async) {
            this.request = request;
            this.buffered = buffered;
            this.response = response;
            this.async = async;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (in.isReady() && !in.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                body.write(buffer, 0, n);
                if (body.size() > JsonBody.MAX_BODY_BYTES) {
                    refuse(413, tooLarge());
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel(false);
            buffered.body = body.toByteArray();
            async.dispatch(); // the rest of the chain, on a container thread, with the body in memory
        }

        @Override
        public void onError(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                deadline.cancel(false);
                log.debug("A request body could not be read", error);
                async.complete();
            }
        }

        void timedOut() {
            refuse(408, "the body did not arrive within " + timeout.toMillis() + " ms");
        }

        private void refuse(int status, String detail) {
            if (ended.compareAndSet(false, true)) {
                deadline.cancel(false);
                response.setHeader("Connection", "close");
                writeProblem(status, detail);
                async.complete();
            }
        }

        private void writeProblem(int status, String detail) {
            if (response.isCommitted()) {
                return;
            }
            try {
                response.resetBuffer();
                ProblemNames.send(response, status, detail);
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not answer {} to a client", status, e);
            }
        }
    }

    /**
     * The request with its body read, as the dispatch after the read carries it: the rest of the chain sees an
     * ordinary request (of dispatcher type REQUEST, so that filters that run once per request run now, not skip it
     * as an async dispatch of a request they handled already).
     */
    private static final class Buffered extends HttpServletRequestWrapper {
        volatile byte[] body = new byte[0];

        Buffered(HttpServletRequest request) {
            super(request);
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
