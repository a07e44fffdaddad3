package io.recstream.application.port.in;

/** Keeps the recordings within their retention, and this instance's play cache within its budget. Call it on every instance. */
public interface MaintainCacheUseCase {

    /**
     * @param expired recordings deleted because they are older than the retention
     * @param evicted recordings taken out of this instance's play cache to stay within its budget
     * @param ran     whether the retention sweep ran here: false if another instance was doing it already, or the
     *                store or shared state was unreachable
     */
    record Report(int expired, int evicted, boolean ran) {
    }

    Report maintain();
}
