package de.sprechzimmer.common.config;

import java.util.Collection;

/** Renders settings as the Markdown table of the README and as {@code --help} text. */
public final class SettingsTable {

    private SettingsTable() {
    }

    public static String markdown(Collection<Setting<?>> settings) {
        StringBuilder sb = new StringBuilder();
        sb.append("| flag | environment variable | default | meaning |\n");
        sb.append("|---|---|---|---|\n");
        for (Setting<?> s : settings) {
            sb.append("| `").append(s.flag()).append("` | `").append(s.envName()).append("` | ")
                    .append(s.defaultText().isEmpty() ? "" : "`" + s.defaultText() + "`").append(" | ")
                    .append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    public static String help(Collection<Setting<?>> settings) {
        StringBuilder sb = new StringBuilder();
        for (Setting<?> s : settings) {
            sb.append(String.format("  %-34s %s%n", s.flag() + " <value>", s.description()));
            sb.append(String.format("  %-34s env %s%s%n", "", s.envName(),
                    s.defaultText().isEmpty() ? "" : ", default " + s.defaultText()));
        }
        return sb.toString();
    }
}
