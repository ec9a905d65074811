package dev.fakemail.internal.net;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why the code a server runs at its first start uses classes rather than lambdas, and fake-server compiles string
 * concatenation inline (no invokedynamic): the first start in a fresh JVM is timed (≤ 60 ms); each lambda spins a
 * class at first use (about 0.5 ms here), and the first indified concatenation bootstraps StringConcatFactory
 * (about 8 ms on top of the method-handle set-up the JDK's own socket code triggers anyway).
 *
 * <p>One thread per connection: on JDK 21+ a pooled platform thread for the first few sessions and a virtual thread
 * (found reflectively, since we compile for 17) for the rest ({@link #newSessionExecutor}), else a cached pool of
 * daemon platform threads. A stalled or delayed session beyond the first few then costs only a parked thread.
 */
public final class ConnectionThreads {
    private static final Method NEW_VIRTUAL_EXECUTOR = findVirtualExecutorFactory();

    private ConnectionThreads() {
    }

    public static ExecutorService newExecutor(String name) {
        ExecutorService virtual = newVirtualExecutor();
        return virtual != null ? virtual : newPlatformExecutor(name);
    }

    /**
     * The executor for protocol sessions: on JDK 21+ the first {@link #PLATFORM_SESSIONS} concurrent sessions on
     * pooled platform threads and the rest on virtual threads ({@link SessionExecutor} says why); before JDK 21 all
     * on pooled platform threads.
     */
    public static ExecutorService newSessionExecutor(String name) {
        ExecutorService virtual = newVirtualExecutor();
        String forced = System.getProperty(SESSION_THREADS_PROPERTY, "");
        if (virtual != null && forced.equals("virtual")) {
            return virtual;
        }
        ExecutorService platform = newPlatformExecutor(name);
        return virtual == null || forced.equals("platform") ? platform
                : new SessionExecutor(platform, virtual,
                        Integer.getInteger(PLATFORM_SESSIONS_PROPERTY, PLATFORM_SESSIONS));
    }

    /**
     * For measuring (BENCHMARKS.md): {@code -Dfakemail.sessionThreads=virtual} runs every session on a virtual
     * thread (JDK 21+), {@code platform} every one on a platform thread; unset, the mix above.
     */
    static final String SESSION_THREADS_PROPERTY = "fakemail.sessionThreads";

    /**
     * For measuring (BENCHMARKS.md, eighth round): {@code -Dfakemail.platformSessions=N} runs the first N concurrent
     * sessions on platform threads instead of {@link #PLATFORM_SESSIONS} (JDK 21+).
     */
    static final String PLATFORM_SESSIONS_PROPERTY = "fakemail.platformSessions";

    /** Concurrent sessions on platform threads before virtual threads take over (JDK 21+). */
    static final int PLATFORM_SESSIONS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private static ExecutorService newVirtualExecutor() {
        if (NEW_VIRTUAL_EXECUTOR != null) {
            try {
                return (ExecutorService) NEW_VIRTUAL_EXECUTOR.invoke(null);
            } catch (ReflectiveOperationException e) {
                return null; // platform threads then
            }
        }
        return null;
    }

    private static ExecutorService newPlatformExecutor(String name) {
        ThreadFactory factory = daemonFactory(name);
        // Like a cached pool, but idle threads go after 10 s rather than 60 s, so a burst leaves no crowd behind.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    /**
     * Accept loops of every server in the JVM, on daemon threads that are reused: a test suite starts and stops
     * servers hundreds of times, and on a small VM a thread start plus join costs about 0.2 ms, most of an
     * in-process start+stop. Idle threads go after 30 s.
     */
    private static final ThreadPoolExecutor ACCEPT_LOOPS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30,
            TimeUnit.SECONDS, new SynchronousQueue<>(), daemonFactory("fakemail-accept"));

    /** Runs an accept loop on a pooled daemon thread named {@code name} while it runs; done when it returns. */
    public static Future<?> runAcceptLoop(String name, Runnable loop) {
        return ACCEPT_LOOPS.submit(new Runnable() {
            @Override
            public void run() {
                Thread thread = Thread.currentThread();
                String idleName = thread.getName();
                thread.setName(name);
                try {
                    loop.run();
                } finally {
                    thread.setName(idleName);
                }
            }
        });
    }

    private static ThreadFactory daemonFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable runnable) {
                Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        };
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
