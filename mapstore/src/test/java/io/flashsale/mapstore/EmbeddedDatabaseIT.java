package io.flashsale.mapstore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded MariaDB of the local run and the tests is no open door: loopback only, and a password. */
class EmbeddedDatabaseIT {

    private static EmbeddedDatabase server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedDatabase.start(Files.createTempDirectory("embedded-db"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        }
        Optional<InetAddress> other = otherAddress();
        assertThat(other).as("a non-loopback IPv4 address of this machine to try").isPresent();
        assertThatThrownBy(() -> {
            try (Socket outside = new Socket()) {
                outside.connect(new InetSocketAddress(other.get(), server.port()), 2_000);
            }
        }).as("connecting on %s", other.get()).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAccountsWithoutThePassword() throws SQLException {
        String url = server.jdbcUrl("test");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "nobody", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedDatabase.USER, "guess").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        Database.Settings settings = server.settings("test");
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(),
                settings.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void keepsItsAccountAcrossARestart() throws SQLException {
        server.stop();
        server.restart();
        Database.Settings settings = server.settings("test");
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(),
                settings.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    private static Optional<InetAddress> otherAddress() throws IOException {
        for (NetworkInterface nic : List.copyOf(NetworkInterface.networkInterfaces().toList())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Optional<InetAddress> address = nic.inetAddresses().filter(a -> a instanceof Inet4Address)
                        .findFirst();
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }
}
