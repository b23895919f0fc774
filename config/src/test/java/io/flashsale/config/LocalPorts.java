package io.flashsale.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for processes of a local run or a test that must be told their port before they bind it (grid members
 * list each other's addresses). Chosen below Linux's default ephemeral range (32768-60999): a port chosen inside it
 * could be taken, before the member binds it, by any outgoing connection on the machine (seen in CI: "Port [46171]
 * is already in use"). All sockets stay open until every port is chosen, so no port is handed out twice.
 */
public final class LocalPorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final int TRIES = 1_000;

    private LocalPorts() {
    }

    /** {@code count} distinct ports that were free a moment ago. */
    public static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = bindSomewhere();
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a listening socket that never accepted: nothing to lose
                }
            }
        }
    }

    private static ServerSocket bindSomewhere() {
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try {
                return new ServerSocket(port);
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + ".." + LAST + " after " + TRIES + " tries");
    }
}
