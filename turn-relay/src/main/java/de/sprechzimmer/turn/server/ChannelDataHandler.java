package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.ChannelBinding;
import de.sprechzimmer.turn.proto.ChannelData;
import io.netty.buffer.ByteBuf;

/** ChannelData from the client (RFC 8656 §12.6), relayed straight from the received buffer: no copy. */
final class ChannelDataHandler {

    private ChannelDataHandler() {
    }

    static void handle(RelaySession s, ByteBuf buf, TurnContext ctx) {
        if (s == null || !s.alive()) {
            ctx.metrics().dropped(TurnMetrics.Drop.NO_ALLOCATION);
            return;
        }
        int length = ChannelData.dataLength(buf);
        if (length < 0) {
            ctx.metrics().dropped(TurnMetrics.Drop.MALFORMED);
            return;
        }
        // "If the ChannelData message is received on a channel that is not bound to any peer, then the message
        // is silently discarded."
        ChannelBinding binding = s.allocation().channel(ChannelData.channelNumber(buf));
        if (binding == null) {
            ctx.metrics().dropped(TurnMetrics.Drop.NO_CHANNEL);
            return;
        }
        if (!s.allocation().permitted(binding)) {
            ctx.metrics().dropped(TurnMetrics.Drop.NO_PERMISSION);
            return;
        }
        if (!s.toPeer().tryConsume(length)) {
            ctx.metrics().dropped(TurnMetrics.Drop.BANDWIDTH);
            return;
        }
        if (!s.peers().send(buf, buf.readerIndex() + ChannelData.HEADER_LENGTH, length, binding.peer())) {
            ctx.metrics().dropped(TurnMetrics.Drop.UNSENT);
            return;
        }
        ctx.metrics().relayed(TurnMetrics.Direction.TO_PEER, length);
    }
}
