package io.recstream.archfixture.application.port.in;

import io.recstream.archfixture.application.port.out.OutPortUsingInPort;

/** Breaks "in-ports do not depend on out-ports". */
public interface InPortUsingOutPort {

    OutPortUsingInPort outPort();
}
