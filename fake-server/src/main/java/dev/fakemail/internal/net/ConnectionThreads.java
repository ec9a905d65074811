package dev.fakemail.internal.net;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread per connection: a virtual thread on JDK 21+ (found reflectively, since we compile for 17), else a
 * cached pool of daemon platform threads. A stalled or delayed session then costs only a parked thread.
 */
public final class ConnectionThreads {
    private static final Method NEW_VIRTUAL_EXECUTOR = findVirtualExecutorFactory();

    private ConnectionThreads() {
    }

    public static ExecutorService newExecutor(String name) {
        if (NEW_VIRTUAL_EXECUTOR != null) {
            try {
                return (ExecutorService) NEW_VIRTUAL_EXECUTOR.invoke(null);
            } catch (ReflectiveOperationException e) {
                // fall through to platform threads
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // Like a cached pool, but idle threads go after 10 s rather than 60 s, so a burst leaves no crowd behind.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    /** Starts a daemon thread for an accept loop (virtual when available). */
    public static Thread startDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Method findVirtualExecutorFactory() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
