import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * Raw signing cost of a JWS algorithm: signatures per second of one thread (run it pinned to the
 * service's core with taskset, on the service's JDK), with the JDK's providers, on an input the size
 * of a typical access token. The benchmark compares token issuance against this number (SPEC §9).
 * Usage: java bench/SigningCost.java RS256 10 [threads, default 1]
 *        java bench/SigningCost.java RS256 serve    (warm once, then for each line "N" on stdin sign for
 *                                                   N seconds and print the rate: one JVM for many slices)
 */
public class SigningCost {

    public static void main(String[] args) throws Exception {
        String alg = args.length > 0 ? args[0] : "RS256";
        KeyPair pair = keyPair(alg);
        byte[] input = ("eyJhbGciOiJSUzI1NiIsImtpZCI6IngiLCJ0eXAiOiJhdCtqd3QifQ."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[300])).getBytes(StandardCharsets.US_ASCII);
        if (args.length > 1 && args[1].equals("serve")) {
            serve(alg, pair, input);
            return;
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        LongAdder count = new LongAdder();
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                try {
                    Signature signature = Signature.getInstance(jcaName(alg));
                    while (true) {
                        long now = System.nanoTime();
                        if (now > end) {
                            return;
                        }
                        signature.initSign(pair.getPrivate());
                        signature.update(input);
                        signature.sign();
                        if (now > warmupEnd) {
                            count.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("%s %.0f%n", alg, count.sum() / (double) seconds);
    }

    /** Idle (blocked on stdin) between slices, so the core is the service's alone while its grants run. */
    private static void serve(String alg, KeyPair pair, byte[] input) throws Exception {
        Signature signature = Signature.getInstance(jcaName(alg));
        signFor(signature, pair, input, 3_000_000_000L); // the JIT's warm-up, once
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            double seconds = Double.parseDouble(line.strip());
            long count = signFor(signature, pair, input, (long) (seconds * 1e9));
            System.out.printf("%s %.0f%n", alg, count / seconds);
            System.out.flush();
        }
    }

    private static long signFor(Signature signature, KeyPair pair, byte[] input, long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long count = 0;
        while (System.nanoTime() < end) {
            signature.initSign(pair.getPrivate());
            signature.update(input);
            signature.sign();
            count++;
        }
        return count;
    }

    private static KeyPair keyPair(String alg) throws Exception {
        switch (alg) {
            case "ES256": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            case "ES384": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp384r1"));
                return g.generateKeyPair();
            }
            case "EdDSA":
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
        }
    }

    private static String jcaName(String alg) {
        switch (alg) {
            case "RS384": return "SHA384withRSA";
            case "RS512": return "SHA512withRSA";
            case "PS256": return "RSASSA-PSS";
            case "ES256": return "SHA256withECDSAinP1363Format";
            case "ES384": return "SHA384withECDSAinP1363Format";
            case "EdDSA": return "Ed25519";
            default: return "SHA256withRSA";
        }
    }
}
