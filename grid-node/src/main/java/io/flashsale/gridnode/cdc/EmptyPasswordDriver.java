package io.flashsale.gridnode.cdc;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Lets Debezium's JDBC offset and schema-history stores log in with an empty password (a fresh MySQL's or
 * MariaDB's root has one): those stores require a non-empty password setting and hand it to
 * {@code DriverManager}, where it overrides anything in the URL. They are given a URL of this driver's prefix
 * instead, and it connects with Connector/J and no password. Written here because neither Debezium nor
 * Connector/J has a setting for it.
 */
final class EmptyPasswordDriver implements Driver {

    static final String PREFIX = "jdbc:flashsale-empty-password:";
    /** What the stores are given as their password; never sent to the server. */
    static final String PLACEHOLDER = "empty";

    private static final EmptyPasswordDriver INSTANCE = new EmptyPasswordDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code jdbcUrl} ({@code jdbc:mysql://...}) as a URL of this driver. */
    static String wrap(String jdbcUrl) {
        return PREFIX + jdbcUrl.substring("jdbc:".length());
    }

    private EmptyPasswordDriver() {
    }

    @Override
    public @Nullable Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String real = "jdbc:" + url.substring(PREFIX.length());
        Properties withoutPassword = new Properties();
        withoutPassword.putAll(info);
        withoutPassword.remove("password");
        return DriverManager.getDriver(real).connect(real, withoutPassword);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
