package de.sprechzimmer.stats.export;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Labels of the PDF report: German first, English on {@code lang=en}. */
public enum Lang {
    DE(Locale.GERMANY, Map.ofEntries(
            Map.entry("title", "Sprechzimmer \u2013 Statistik"),
            Map.entry("period", "Zeitraum"),
            Map.entry("scope", "Umfang"),
            Map.entry("scope.own", "eigene Zahlen"),
            Map.entry("scope.practice", "ganze Praxis"),
            Map.entry("consultations", "Sprechstunden"),
            Map.entry("duration.total", "Gesamtdauer"),
            Map.entry("duration.avg", "Durchschnittliche Dauer"),
            Map.entry("relayed", "Anteil \u00fcber Relay (TURN)"),
            Map.entry("relayed.none", "keine Angabe"),
            Map.entry("chart", "Sprechstunden pro Tag"),
            Map.entry("features", "Genutzte Funktionen (Sprechstunden)"),
            Map.entry("feature.whiteboard", "Whiteboard"),
            Map.entry("feature.chat", "Chat"),
            Map.entry("feature.screen-sharing", "Bildschirmfreigabe"),
            Map.entry("feature.screenshot", "Bildschirmfoto"),
            Map.entry("counts", "Weitere Zahlen"),
            Map.entry("logins", "Anmeldungen"),
            Map.entry("sms", "SMS versandt"),
            Map.entry("emails", "E-Mails versandt"),
            Map.entry("codes", "Zugangscodes erstellt"),
            Map.entry("generated", "Erstellt"),
            Map.entry("footer", "Pseudonymisierte Metadaten, gespeichert h\u00f6chstens drei Monate. Keine Inhalte, keine Namen."))),
    EN(Locale.UK, Map.ofEntries(
            Map.entry("title", "Sprechzimmer \u2013 Statistics"),
            Map.entry("period", "Period"),
            Map.entry("scope", "Scope"),
            Map.entry("scope.own", "own figures"),
            Map.entry("scope.practice", "whole practice"),
            Map.entry("consultations", "Consultations"),
            Map.entry("duration.total", "Total duration"),
            Map.entry("duration.avg", "Average duration"),
            Map.entry("relayed", "Share relayed (TURN)"),
            Map.entry("relayed.none", "not reported"),
            Map.entry("chart", "Consultations per day"),
            Map.entry("features", "Features used (consultations)"),
            Map.entry("feature.whiteboard", "Whiteboard"),
            Map.entry("feature.chat", "Chat"),
            Map.entry("feature.screen-sharing", "Screen sharing"),
            Map.entry("feature.screenshot", "Screenshot"),
            Map.entry("counts", "Other figures"),
            Map.entry("logins", "Logins"),
            Map.entry("sms", "Text messages sent"),
            Map.entry("emails", "E-mails sent"),
            Map.entry("codes", "Access codes created"),
            Map.entry("generated", "Generated"),
            Map.entry("footer", "Pseudonymised metadata, kept three months at most. No content, no names.")));

    private final Locale locale;
    private final Map<String, String> labels;

    Lang(Locale locale, Map<String, String> labels) {
        this.locale = locale;
        this.labels = labels;
    }

    public Locale locale() {
        return locale;
    }

    public String label(String key) {
        String l = labels.get(key);
        if (l == null) {
            throw new IllegalArgumentException("no label " + key);
        }
        return l;
    }

    /** {@code de} (default) or {@code en}. */
    public static Lang of(Optional<String> code) {
        return switch (code.orElse("de")) {
            case "de" -> DE;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("'lang' must be de or en");
        };
    }
}
