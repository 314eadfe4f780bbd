package de.sprechzimmer.stats.store;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryStatsStoreTest extends StatsStoreContract {

    @Override
    StatsStore newStore(Retention retention) {
        return new InMemoryStatsStore(retention);
    }

    @Override
    void assertAddressesPhysicallyGone() {
        assertThat(((InMemoryStatsStore) store).addressesHeld()).isZero();
    }
}
