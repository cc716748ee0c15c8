package dev.righttime.testing;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports (or any interface) whose every call is counted and fails: handed to a handler whose SnapStart
 * hook is run, they show that priming never touched the handler's real stores, queues or providers.
 */
public final class UntouchedPorts {

    private final AtomicInteger calls = new AtomicInteger();

    /** A stand-in for {@code type}: every call counts and throws an AssertionError naming it. */
    public <T> T of(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? proxy == args[0] : type.getName();
            }
            calls.incrementAndGet();
            throw new AssertionError("priming called " + type.getSimpleName() + "." + method.getName());
        }));
    }

    /** How many calls reached any of them. */
    public int calls() {
        return calls.get();
    }
}
