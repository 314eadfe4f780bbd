package de.sprechzimmer.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    @Test
    void tasksRunInTimeOrderAtTheirOwnTime() {
        ManualScheduler s = new ManualScheduler();
        Instant start = s.clock().instant();
        List<String> log = new ArrayList<>();
        s.schedule(Duration.ofSeconds(30), () -> log.add("once@" + Duration.between(start, s.clock().instant()).toSeconds()));
        Scheduler.Cancellable periodic = s.scheduleAtFixedRate(Duration.ofSeconds(10), Duration.ofSeconds(20),
                () -> log.add("tick@" + Duration.between(start, s.clock().instant()).toSeconds()));
        s.advance(Duration.ofSeconds(55));
        assertThat(log).containsExactly("tick@10", "once@30", "tick@30", "tick@50");
        periodic.cancel();
        s.advance(Duration.ofMinutes(5));
        assertThat(log).hasSize(4);
        assertThat(s.clock().instant()).isEqualTo(start.plusSeconds(355));
    }
}
