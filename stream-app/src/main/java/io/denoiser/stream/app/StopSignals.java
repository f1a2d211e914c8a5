package io.denoiser.stream.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a stop request that the {@code run} command handles like any other, so
 * that a process stopped on request exits with status 0, as the README promises.
 *
 * <p><b>Why a signal handler, not only a shutdown hook.</b> On SIGTERM the JVM's own handler starts exiting with
 * status 143 (128 + 15) before any hook runs, and no hook can change that status afterwards: {@code System.exit}
 * blocks once the JVM is exiting, and {@code Runtime.halt} would cut short every other hook still running
 * (JavaCPP's, the log's). Replacing the JVM's handler for these two signals keeps the JVM from exiting at all:
 * the handler only calls the stop action (closing the app), {@code main}'s wait then returns, and {@code main}
 * exits with 0 after the close has finished, as after any other stop on request. The shutdown hook stays for the
 * signals not handled here (SIGHUP).
 *
 * <p><b>Why reflection.</b> {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept by JEP 260 for exactly
 * this use) is Java 17's only way to handle a signal. javac warns on every direct use of it ("internal proprietary
 * API"), a warning no {@code @SuppressWarnings} silences, and the build fails on warnings; through reflection the
 * same calls compile cleanly. Where the class is missing or the JVM keeps the signal to itself (e.g. under
 * {@code -Xrs}), nothing is installed: the shutdown hook still closes the app, and the exit status is the JVM's.
 *
 * <p>Each signal runs the stop action in a thread of its own (the JVM starts one per signal), so a second signal
 * calls it again while the first close runs: the action must allow that. Install and {@link #close} from one
 * thread.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final Method handle;
    private final List<Replaced> replaced;

    /** A signal and the handler it had before, to put back on {@link #close}. */
    private record Replaced(Object signal, Object previous) {}

    private StopSignals(Method handle, List<Replaced> replaced) {
        this.handle = handle;
        this.replaced = replaced;
    }

    /**
     * Makes SIGTERM and SIGINT call {@code stop} instead of exiting the JVM, until {@link #close}.
     *
     * @param stop what a signal asks for: called in the signal's own thread, may block until stopped
     */
    static StopSignals install(Runnable stop) {
        List<Replaced> replaced = new ArrayList<>();
        Method handle = null;
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, new StopHandler(stop));
            for (String name : SIGNALS) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                Object previous = handle.invoke(null, signal, handler);
                replaced.add(new Replaced(signal, previous));
            }
            return new StopSignals(handle, replaced);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // e.g. "Signal already used by VM or OS" under -Xrs: the JVM's own handling stays
            LOG.warn("cannot handle SIGTERM/SIGINT ({}); a signal ends the JVM with its own exit status", e.toString());
            new StopSignals(handle, replaced).close();
            return new StopSignals(null, List.of());
        }
    }

    /** Puts back the handlers these signals had before. */
    @Override
    public void close() {
        for (Replaced signal : replaced) {
            try {
                handle.invoke(null, signal.signal(), signal.previous());
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("cannot restore the JVM's handler of {}: {}", signal.signal(), e.toString());
            }
        }
    }

    /** The {@code sun.misc.SignalHandler}: its one method runs the stop action; the rest is Object's contract. */
    private static final class StopHandler implements InvocationHandler {

        private final Runnable stop;

        StopHandler(Runnable stop) {
            this.stop = stop;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "handle" -> {
                    LOG.info("{} received: stopping", args[0]);
                    stop.run();
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    return "denoiser-stream stop on SIGTERM/SIGINT";
                }
            }
        }
    }
}
