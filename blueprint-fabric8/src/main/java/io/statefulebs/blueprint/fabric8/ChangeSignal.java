package io.statefulebs.blueprint.fabric8;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A change counter that waiting threads block on; informer callbacks bump it on every event. */
final class ChangeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    void changed() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the version moves past {@code seen} or {@code max} passes; returns whether it moved. */
    boolean awaitChange(long seen, Duration max) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = max.toNanos();
            while (version == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
