package io.recstream.adapter.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.CloseNowException;

/**
 * An answer that must end before its {@code Content-Length} (its download stopped, its store failed mid-body) closes
 * its connection at once, so that the client sees the cut. Throwing alone is not enough: Tomcat hands the exception
 * to the error page (Spring Boot's, for every exception), counts it as reported once that page is included into the
 * committed answer, and then ends the answer as if whole and keeps the connection; the client waits for bytes that
 * never come until the connection times out.
 */
final class AbortedAnswers {

    private static final String ABORTED = AbortedAnswers.class.getName() + ".aborted";

    private AbortedAnswers() {
    }

    /** Marks the answer to {@code request} as aborted: throw what this returns. */
    static CloseNowException abort(HttpServletRequest request, String reason, Throwable cause) {
        request.setAttribute(ABORTED, Boolean.TRUE);
        return new CloseNowException(reason, cause);
    }

    /** Closes the connection of an aborted answer once its request is done, whatever the error page did. */
    static final class ClosingValve extends ValveBase {

        ClosingValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                getNext().invoke(request, response);
            } finally {
                if (request.getAttribute(ABORTED) != null) {
                    response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
                }
            }
        }
    }
}
