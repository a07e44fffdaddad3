package io.recstream.application.port.in;

/** A user browses a business's calls, newest first, page by page. */
public interface ListCallsUseCase {

    CallListResult listCalls(ListCallsQuery query);
}
