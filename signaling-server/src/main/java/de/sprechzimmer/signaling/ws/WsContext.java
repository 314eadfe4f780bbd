package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.account.Accounts;
import de.sprechzimmer.signaling.session.Arrivals;
import de.sprechzimmer.signaling.session.Consultations;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What every connection handler shares. */
record WsContext(Arrivals arrivals, Consultations consultations, Accounts accounts, Scheduler scheduler, SignalingMetrics metrics,
                 Connections connections, Duration heartbeat, Duration resumeWindow, Duration authTimeout,
                 int messagesPerSecond, Supplier<Executor> logicExecutor) {
}
