package dev.righttime.deploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS operation an SDK client makes while a function is "current" (the flow test
 * sets it around each handler's construction and invocation). Registered for every client on the
 * test classpath through software/amazon/awssdk/global/handlers/execution.interceptors; calls the
 * test itself makes (creating tables, reading results) happen with no function current and are
 * not recorded.
 */
public final class OperationRecorder implements ExecutionInterceptor {

    /** One SDK call: the function making it, the SDK's service and operation names, the request. */
    record Call(String function, String phase, String service, String operation, SdkRequest request) {}

    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static volatile String function;
    private static volatile String phase;

    static void runAs(String fn, String during, Runnable work) {
        function = fn;
        phase = during;
        try {
            work.run();
        } finally {
            function = null;
            phase = null;
        }
    }

    static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String fn = function;
        if (fn != null) {
            CALLS.add(new Call(fn, phase, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
        }
    }
}
