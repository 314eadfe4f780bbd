package de.sprechzimmer.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolved settings. A value comes from, in this order of precedence: the command line
 * ({@code --http-port 8080} or {@code --http-port=8080}), the environment ({@code SPRECHZIMMER_HTTP_PORT}),
 * the config file ({@code http-port=8080}, Java properties syntax, named by {@code --config} or
 * {@code SPRECHZIMMER_CONFIG}), the setting's default.
 *
 * <p>Unknown flags and unknown file keys are errors, so a typo never silently falls back to a default.
 */
public final class Settings {

    /** The one setting every process knows: where its config file is. */
    public static final Setting<String> CONFIG_FILE =
            Setting.string("config", null, "Path of an optional config file (Java properties: key=value, keys as in this table)");

    private final Map<String, Setting<?>> known;
    private final Map<String, Object> values;
    private final Map<String, String> sources;

    private Settings(Map<String, Setting<?>> known, Map<String, Object> values, Map<String, String> sources) {
        this.known = known;
        this.values = values;
        this.sources = sources;
    }

    /**
     * Resolves {@code settings} from the command line, the environment and the config file.
     *
     * @throws ConfigException naming the setting and where the bad value came from
     */
    public static Settings load(String[] args, Map<String, String> env, Collection<Setting<?>> settings) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        known.put(CONFIG_FILE.name(), CONFIG_FILE);
        for (Setting<?> s : settings) {
            Setting<?> previous = known.putIfAbsent(s.name(), s);
            if (previous != null && previous != s && !previous.equals(s)) {
                throw new IllegalArgumentException("setting declared twice: " + s.name());
            }
        }
        Map<String, String> cli = parseArgs(args, known);

        String file = cli.containsKey(CONFIG_FILE.name()) ? cli.get(CONFIG_FILE.name()) : env.get(CONFIG_FILE.envName());
        Map<String, String> fromFile = file == null || file.isBlank() ? Map.of() : readFile(Path.of(file), known);

        Map<String, Object> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (Setting<?> s : known.values()) {
            String text;
            String source;
            if (cli.containsKey(s.name())) {
                text = cli.get(s.name());
                source = "flag " + s.flag();
            } else if (env.containsKey(s.envName())) {
                text = env.get(s.envName());
                source = "environment variable " + s.envName();
            } else if (fromFile.containsKey(s.name())) {
                text = fromFile.get(s.name());
                source = "config file key " + s.name();
            } else {
                if (s.defaultValue() != null) {
                    values.put(s.name(), s.defaultValue());
                }
                sources.put(s.name(), "default");
                continue;
            }
            if (text.isEmpty()) {
                // An empty value means "not set": lets an operator blank out a default from the environment.
                sources.put(s.name(), source);
                continue;
            }
            try {
                values.put(s.name(), s.parser().apply(text));
            } catch (IllegalArgumentException e) {
                String shown = s.secret() ? "(hidden)" : "'" + text + "'";
                throw new ConfigException("Invalid value " + shown + " for " + source + ": " + e.getMessage());
            }
            sources.put(s.name(), source);
        }
        return new Settings(known, values, sources);
    }

    /** Settings holding only defaults, plus the given overrides by name; for tests and embedding. */
    public static Settings of(Collection<Setting<?>> settings, Map<String, String> overrides) {
        List<String> args = new ArrayList<>();
        overrides.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return load(args.toArray(String[]::new), Map.of(), settings);
    }

    /** A copy with {@code setting} set to {@code value} (source {@code origin}); for values derived at startup. */
    public <T> Settings with(Setting<T> setting, T value, String origin) {
        requireKnown(setting);
        Map<String, Object> v = new HashMap<>(values);
        Map<String, String> src = new HashMap<>(sources);
        v.put(setting.name(), value);
        src.put(setting.name(), origin);
        return new Settings(known, v, src);
    }

    /** True when the value was given (flag, environment or file), not taken from the default. */
    public boolean isGiven(Setting<?> setting) {
        return !source(setting).equals("default");
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        requireKnown(setting);
        T value = (T) values.get(setting.name());
        if (value == null) {
            throw new ConfigException("Setting " + setting.flag() + " (" + setting.envName() + ") is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> optional(Setting<T> setting) {
        requireKnown(setting);
        return Optional.ofNullable((T) values.get(setting.name()));
    }

    /** Where a value came from ("default", "flag --http-port", ...), for the startup banner. */
    public String source(Setting<?> setting) {
        return sources.getOrDefault(setting.name(), "default");
    }

    public Collection<Setting<?>> known() {
        return known.values();
    }

    private void requireKnown(Setting<?> setting) {
        if (!known.containsKey(setting.name())) {
            throw new IllegalArgumentException("setting not declared: " + setting.name());
        }
    }

    private static Map<String, String> parseArgs(String[] args, Map<String, Setting<?>> known) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("Unexpected argument '" + arg + "': settings are given as --name value");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                Setting<?> s = known.get(name);
                if (s != null && s.defaultValue() instanceof Boolean && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new ConfigException("Flag --" + name + " needs a value");
                }
            }
            if (!known.containsKey(name)) {
                throw new ConfigException("Unknown flag --" + name + " (see --help)");
            }
            out.put(name, value);
        }
        return out;
    }

    private static Map<String, String> readFile(Path path, Map<String, Setting<?>> known) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file not found: " + path);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Config file " + path + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!known.containsKey(key) || key.equals(CONFIG_FILE.name())) {
                throw new ConfigException("Unknown key '" + key + "' in config file " + path);
            }
            out.put(key, props.getProperty(key).trim());
        }
        return out;
    }
}
