package de.sprechzimmer.signaling.account;

import de.sprechzimmer.common.testing.ManualClock;

class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    AccountStore create(ManualClock clock) {
        return new InMemoryAccountStore();
    }
}
