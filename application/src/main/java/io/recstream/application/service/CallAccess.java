package io.recstream.application.service;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.Viewer;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;

/** The tenancy check every recording use case starts with, in the contract's order: business, then call. */
record CallAccess(Call call, AccessDenial denial) {

    static CallAccess check(CallDirectory calls, Viewer viewer, BusinessId business, CallSid callSid) {
        if (!viewer.mayActFor(business)) {
            return new CallAccess(null, AccessDenial.BUSINESS_FORBIDDEN);
        }
        return calls.find(callSid)
                .filter(call -> call.belongsTo(business))
                .map(call -> new CallAccess(call, null))
                .orElseGet(() -> new CallAccess(null, AccessDenial.CALL_NOT_FOUND));
    }

    boolean granted() {
        return call != null;
    }
}
