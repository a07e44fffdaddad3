package io.recstream.adapter.web;

import org.springframework.http.HttpHeaders;

/** Ends a request with a problem details answer; {@link ProblemDetailsAdvice} renders it. */
class ProblemException extends RuntimeException {

    private final ProblemCode problem;
    private final transient HttpHeaders headers;

    ProblemException(ProblemCode problem, String detail) {
        this(problem, detail, new HttpHeaders());
    }

    ProblemException(ProblemCode problem, String detail, HttpHeaders headers) {
        super(detail, null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    ProblemCode problem() {
        return problem;
    }

    HttpHeaders headers() {
        return headers;
    }
}
