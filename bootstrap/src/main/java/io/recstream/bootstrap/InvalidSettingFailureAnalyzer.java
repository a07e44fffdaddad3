package io.recstream.bootstrap;

import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad setting into Boot's "APPLICATION FAILED TO START" report: what is wrong, and what to set. */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        String environmentVariable = cause.property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return new FailureAnalysis(cause.getMessage(),
                cause.action() + " (property " + cause.property() + ", or the environment variable " + environmentVariable + ")",
                cause);
    }
}
