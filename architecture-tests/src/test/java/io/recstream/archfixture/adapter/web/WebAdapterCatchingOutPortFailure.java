package io.recstream.archfixture.adapter.web;

import io.recstream.archfixture.application.port.out.OutPortUsingInPort;

/** Breaks "the web adapter depends on no out-port": it handles what an out-port throws, past the in-ports. */
public class WebAdapterCatchingOutPortFailure {

    public Class<?> leaked() {
        return OutPortUsingInPort.class;
    }
}
