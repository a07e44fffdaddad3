package io.recstream.archfixture.application.port.out;

import io.recstream.archfixture.application.port.in.InPortUsingOutPort;

/** Breaks "out-ports do not depend on in-ports". */
public interface OutPortUsingInPort {

    InPortUsingOutPort inPort();
}
