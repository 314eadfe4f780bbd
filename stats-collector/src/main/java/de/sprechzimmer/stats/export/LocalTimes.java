package de.sprechzimmer.stats.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * {@code yyyy-MM-dd HH:mm:ss} in a time zone, for the CSV's {@code local-time} column. Called once per exported
 * event, in time order: the zone offset is looked up again only when a transition (DST) is crossed, and the
 * text is built without a formatter. Not thread-safe; one per export.
 */
final class LocalTimes {

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private int offset;

    LocalTimes(ZoneId zone) {
        this.rules = zone.getRules();
    }

    String local(Instant at) {
        long s = at.getEpochSecond();
        if (s < validFrom || s >= validUntil) {
            offset = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition previous = rules.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(at);
            validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        long local = s + offset;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, 86_400));
        int sec = Math.floorMod(local, 86_400);
        char[] c = new char[19];
        int y = date.getYear();
        c[0] = (char) ('0' + y / 1000 % 10);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        two(c, 5, date.getMonthValue());
        c[7] = '-';
        two(c, 8, date.getDayOfMonth());
        c[10] = ' ';
        two(c, 11, sec / 3600);
        c[13] = ':';
        two(c, 14, sec / 60 % 60);
        c[16] = ':';
        two(c, 17, sec % 60);
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
