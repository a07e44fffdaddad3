package io.recstream.adapter.web;

import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as problem details with a {@code code}, never as a stack trace. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> onProblem(ProblemException e) {
        return ResponseEntity.status(e.problem().status()).headers(e.headers())
                .body(Problems.of(e.problem(), e.getMessage()));
    }

    /**
     * Spring Security's firewall refuses a parameter (a control character in its name, say) when the controller first
     * reads it: the client's error, said without echoing what it sent into the log.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> onRejected(RequestRejectedException e) {
        log.warn("request rejected by the firewall: a parameter name or value that is not allowed");
        return ResponseEntity.status(ProblemCode.BAD_REQUEST.status()).body(Problems.of(ProblemCode.BAD_REQUEST,
                "The request has a parameter whose name or value is not allowed."));
    }

    /**
     * An answer already begun that must not end as if whole (its store failed mid-body): no problem can be written
     * any more, so the exception goes on to the container, which closes the connection.
     */
    @ExceptionHandler(CloseNowException.class)
    void onAbortedAnswer(CloseNowException e) throws CloseNowException {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.status(ProblemCode.INTERNAL_ERROR.status())
                .body(Problems.of(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    /** Spring MVC's own errors (405, 415, unreadable bodies, missing routes): the same shape, with a code. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeFor(statusCode).code());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ProblemCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 400, 413 -> ProblemCode.BAD_REQUEST;
            default -> ProblemCode.INTERNAL_ERROR;
        };
    }
}
