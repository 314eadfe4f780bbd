package de.sprechzimmer.signaling.cluster;

class LocalDeliveryTest extends DeliveryContract {

    private final LocalDelivery delivery = new LocalDelivery();

    @Override
    Delivery home() {
        return delivery;
    }

    @Override
    Delivery away() {
        return delivery;
    }
}
