package io.flashsale.app.web;

import java.util.regex.Pattern;

/**
 * The contract's identifier rules: 1 to 64 characters of {@code [A-Za-z0-9_-]} for what we name (orders, sales,
 * keys), and a wider alphabet for buyers, whose ids an identity provider names ({@code auth0|5f...},
 * {@code ana@example.com}).
 */
public final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@|:-]{1,64}");

    public static final String USER_ID_RULE = "1 to 64 characters of [A-Za-z0-9_.@|:-]";

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static boolean isValidUserId(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }
}
