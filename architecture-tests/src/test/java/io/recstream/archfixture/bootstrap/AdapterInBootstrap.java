package io.recstream.archfixture.bootstrap;

import io.recstream.archfixture.application.port.in.InPortUsingOutPort;
import io.recstream.archfixture.application.port.out.OutPortUsingInPort;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Breaks "bootstrap implements no port" and "bootstrap speaks to no SDK": a port implemented in the wiring. */
public class AdapterInBootstrap implements OutPortUsingInPort {

    @Override
    public InPortUsingOutPort inPort() {
        return null;
    }

    public boolean refused(Exception e) {
        return e instanceof S3Exception;
    }
}
