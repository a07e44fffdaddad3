package io.recstream.bootstrap;

/** A setting recstream can't start with; {@link InvalidSettingFailureAnalyzer} says which and what to do. */
class InvalidSettingException extends RuntimeException {

    private final String property;
    private final String action;

    InvalidSettingException(String property, String problem, String action, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.action = action;
    }

    String property() {
        return property;
    }

    String action() {
        return action;
    }
}
