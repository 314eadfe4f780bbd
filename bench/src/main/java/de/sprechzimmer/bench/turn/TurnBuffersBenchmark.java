package de.sprechzimmer.bench.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
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

/**
 * The buffer the TURN relay takes for each read and each relayed message: allocate it, write one 170-byte
 * datagram into it, release it. Sizes as in the relay: 32768 the UDP listener's read buffer (recvmmsg, 8 x 4096),
 * 2048 a relay socket's read buffer, 256 a ChannelData message to a client. Allocators: {@code default} is Netty's
 * (adaptive in 4.2), {@code pooled} the one the relay uses. The heap size is the run script's choice
 * (bench/turn/buffers.sh: 512 MiB as recommended for the relay, and 2 GiB): Netty's adaptive allocator changes how
 * it pools at 512 MiB and below. Time per buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// Event-loop threads get the allocators' per-thread caches; JMH's threads are plain threads, so ask for them.
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Dio.netty.leakDetection.level=disabled",
        "-Dio.netty.allocator.useCacheForAllThreads=true",
        "-Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=true"})
public class TurnBuffersBenchmark {

    @Param({"default", "pooled"})
    String allocator;

    @Param({"256", "2048", "32768"})
    int size;

    private final byte[] datagram = new byte[170];
    private ByteBufAllocator alloc;

    @Setup
    public void setup() {
        alloc = "pooled".equals(allocator) ? PooledByteBufAllocator.DEFAULT : ByteBufAllocator.DEFAULT;
    }

    @Benchmark
    public int readBuffer() {
        ByteBuf buf = alloc.directBuffer(size);
        try {
            return buf.writeBytes(datagram).readableBytes();
        } finally {
            buf.release();
        }
    }
}
