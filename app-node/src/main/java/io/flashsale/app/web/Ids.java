package io.flashsale.app.web;

import java.util.regex.Pattern;

/** The contract's identifier rule: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
public final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
