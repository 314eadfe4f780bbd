package de.sprechzimmer.turn.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): type, transaction id, attributes in wire order. Immutable. A decoded message also
 * keeps its wire bytes, which {@link MessageIntegrity} and {@link Fingerprint} check against.
 */
public final class StunMessage {

    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;

    private final MessageType type;
    private final TransactionId transactionId;
    private final List<RawAttribute> attributes;
    private final byte[] wire;

    StunMessage(MessageType type, TransactionId transactionId, List<RawAttribute> attributes, byte[] wire) {
        this.type = Objects.requireNonNull(type, "type");
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
        this.attributes = List.copyOf(attributes);
        this.wire = wire;
    }

    public static Builder builder(MessageType type, TransactionId transactionId) {
        return new Builder(type, transactionId);
    }

    public MessageType type() {
        return type;
    }

    public Method method() {
        return type.method();
    }

    public MessageClass messageClass() {
        return type.messageClass();
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    public List<RawAttribute> attributes() {
        return attributes;
    }

    /** The first attribute of this type; RFC 8489 §14 says later duplicates are ignored. */
    public Optional<RawAttribute> attribute(int attributeType) {
        for (RawAttribute a : attributes) {
            if (a.type() == attributeType) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean has(int attributeType) {
        return attribute(attributeType).isPresent();
    }

    /** The wire bytes of a decoded message; empty for a message built here. */
    Optional<byte[]> wire() {
        return Optional.ofNullable(wire);
    }

    /** Comprehension-required attribute types present that this relay does not understand, in order. */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> unknown = new ArrayList<>();
        for (RawAttribute a : attributes) {
            if (!AttributeType.understood(a.type()) && !unknown.contains(a.type())) {
                unknown.add(a.type());
            }
        }
        return unknown;
    }

    @Override
    public String toString() {
        // Only the shape: attribute values can hold usernames and addresses, which never go to logs.
        return type.method() + " " + type.messageClass() + " with " + attributes.size() + " attributes";
    }

    /** Builds an outgoing message; MESSAGE-INTEGRITY and FINGERPRINT are added by {@link StunEncoder}. */
    public static final class Builder {
        private final MessageType type;
        private final TransactionId transactionId;
        private final List<RawAttribute> attributes = new ArrayList<>();

        private Builder(MessageType type, TransactionId transactionId) {
            this.type = type;
            this.transactionId = transactionId;
        }

        public Builder add(RawAttribute attribute) {
            attributes.add(attribute);
            return this;
        }

        public Builder add(int type, byte[] value) {
            return add(new RawAttribute(type, value));
        }

        public StunMessage build() {
            return new StunMessage(type, transactionId, attributes, null);
        }
    }
}
