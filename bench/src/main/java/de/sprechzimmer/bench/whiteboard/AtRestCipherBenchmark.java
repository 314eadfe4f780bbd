package de.sprechzimmer.bench.whiteboard;

import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The at-rest AES-256-GCM layer alone (JDK provider): seal and open of one file. Time per operation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AtRestCipherBenchmark {

    @Param({"1048576", "20971520"})
    int size;

    SecretKey key;
    byte[] plain;
    byte[] sealed;
    final byte[] aad = "sz-wb-blob-v1\0s_bench\0AAAAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void setup() {
        key = new KeyWrap("bench-key-secret-0123456789").newSessionKey();
        plain = new byte[size];
        ThreadLocalRandom.current().nextBytes(plain);
        sealed = AesGcmCipher.INSTANCE.seal(key, aad, plain);
    }

    @Benchmark
    public byte[] seal() {
        return AesGcmCipher.INSTANCE.seal(key, aad, plain);
    }

    @Benchmark
    public byte[] open() {
        return AesGcmCipher.INSTANCE.open(key, aad, sealed);
    }
}
