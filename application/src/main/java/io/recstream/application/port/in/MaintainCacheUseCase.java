package io.recstream.application.port.in;

/** Keeps the recordings cache within its retention and its budget. Safe to call on every instance. */
public interface MaintainCacheUseCase {

    /**
     * @param expired recordings deleted because they are older than the retention
     * @param evicted recordings deleted to stay within the budget, least recently played first
     * @param ran     false if another instance was doing it already, or the store or shared state was unreachable
     */
    record Report(int expired, int evicted, boolean ran) {
    }

    Report maintain();
}
