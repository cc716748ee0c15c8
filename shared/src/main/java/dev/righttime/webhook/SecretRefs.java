package dev.righttime.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Resolves secret references: {@code env:NAME} (an environment variable) and {@code ssm:/path} (an
 * SSM SecureString). An environment variable whose value itself starts with {@code ssm:/} names an
 * SSM parameter and is resolved from SSM: so a deployment sets {@code RIGHTTIME_SECRET_STRIPE=ssm:/righttime/stripe}
 * and the secret never appears in the function's configuration. A value may hold several
 * comma-separated secrets, all valid at once, so a secret can rotate without downtime. References
 * are resolved on every call: caching is the SSM lookup's own (in Lambda {@code SsmSecrets}, whose
 * cache expires, so a rotation is picked up by running execution environments too). A lookup that
 * fails (SSM unreachable) is retried on the next request and answers 503 meanwhile.
 */
public final class SecretRefs {

    private static final String SSM_PREFIX = "ssm:/";

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> ssm;

    /**
     * @param env name to value, null when unset (in Lambda: {@code System::getenv})
     * @param ssm parameter path to decrypted value, null when absent; throws when SSM is unreachable.
     *            May be null itself where SSM is not wired (local runtime, tests).
     */
    public SecretRefs(UnaryOperator<String> env, UnaryOperator<String> ssm) {
        this.env = env;
        this.ssm = ssm;
    }

    public static SecretRefs of(Map<String, String> values) {
        return new SecretRefs(values::get, null);
    }

    /** Every secret the references stand for, in order; unset references contribute none. */
    public List<String> resolve(List<String> refs) {
        List<String> out = new ArrayList<>(refs.size());
        for (String ref : refs) {
            out.addAll(lookup(ref));
        }
        return out;
    }

    private List<String> lookup(String ref) {
        String value;
        if (ref.startsWith("env:")) {
            value = env.apply(ref.substring(4));
            if (value != null && value.strip().startsWith(SSM_PREFIX)) {
                value = fromSsm(value.strip().substring(4));
            }
        } else if (ref.startsWith("ssm:")) {
            value = fromSsm(ref.substring(4));
        } else {
            throw new IllegalArgumentException("a secret reference is env:NAME or ssm:/path, not '" + ref + "'");
        }
        return split(value);
    }

    private String fromSsm(String path) {
        if (ssm == null) {
            throw new IllegalStateException("ssm: secrets are not available here");
        }
        try {
            return ssm.apply(path);
        } catch (RuntimeException e) {
            throw new WebhookException(Failure.SECRETS_UNAVAILABLE, "the source's secret could not be fetched");
        }
    }

    static List<String> split(String value) {
        List<String> secrets = new ArrayList<>(2);
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    secrets.add(s.trim());
                }
            }
        }
        return List.copyOf(secrets);
    }

    /** Checks the syntax of a reference at start-up. */
    static void validate(String ref) {
        if (!(ref.startsWith("env:") && ref.length() > 4) && !(ref.startsWith("ssm:/") && ref.length() > 5)) {
            throw new IllegalArgumentException("a secret reference is env:NAME or ssm:/path, not '" + ref + "'");
        }
    }
}
