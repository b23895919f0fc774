package io.flashsale.model.cdc;

/**
 * What the cluster's binlog reader (MySQL-to-grid sync) is doing, as the member running it last said: kept in the
 * grid ({@code MapNames.BINLOG_READER}) so that app nodes can show it on their dashboard.
 *
 * @param state  {@code STARTING}, {@code RUNNING}, {@code FAILING} (trying again every few seconds), or
 *               {@code STANDBY} on members that do not run it
 * @param reason why it is failing, else null
 * @param member the member that said so
 * @param since  since when it has been so (epoch ms)
 */
public record BinlogReaderStatus(String state, String reason, String member, long since) {

    /** The key of the cluster's reader in its map. */
    public static final String KEY = "reader";

    public static final String STANDBY = "STANDBY";
    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String FAILING = "FAILING";

    /** Whether the reader should run here but cannot (it tries again meanwhile). */
    public boolean failing() {
        return FAILING.equals(state);
    }
}
