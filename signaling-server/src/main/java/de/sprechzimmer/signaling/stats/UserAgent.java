package de.sprechzimmer.signaling.stats;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code login} event says about the client (docs/statistics.md): device type, browser and OS with their
 * versions, in the catalogue's words, read from the {@code User-Agent} header. The header itself is never kept:
 * only these few coarse values leave this class. Versions are cut to major.minor (enough for "which browsers must
 * we support", less to tell people apart). Unknown or odd headers give {@code other} and no versions.
 *
 * @param device         {@code desktop}, {@code mobile}, {@code tablet} or {@code other}
 * @param browser        {@code chrome}, {@code chromium}, {@code firefox}, {@code safari}, {@code edge},
 *                       {@code opera}, {@code samsung} or {@code other}
 * @param browserVersion null when unknown
 * @param os             {@code windows}, {@code macos}, {@code linux}, {@code android}, {@code ios}, {@code chromeos}
 *                       or {@code other}
 * @param osVersion      null when unknown
 */
public record UserAgent(String device, String browser, String browserVersion, String os, String osVersion) {

    static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet", "other");
    static final Set<String> BROWSERS = Set.of("chrome", "chromium", "firefox", "safari", "edge", "opera", "samsung", "other");
    static final Set<String> SYSTEMS = Set.of("windows", "macos", "linux", "android", "ios", "chromeos", "other");
    /** The collector's version shape: 1 to 4 numbers; we give at most two. */
    static final Pattern VERSION = Pattern.compile("[0-9]{1,5}(\\.[0-9]{1,6})?");
    /** Longer headers are cut before parsing: no browser needs more, and parsing stays cheap. */
    static final int MAX_CHARS = 512;

    public static final UserAgent UNKNOWN = new UserAgent("other", "other", null, "other", null);

    public UserAgent {
        require(DEVICES, device, "device");
        require(BROWSERS, browser, "browser");
        require(SYSTEMS, os, "os");
        if (browserVersion != null && !VERSION.matcher(browserVersion).matches()) {
            throw new IllegalArgumentException("browserVersion");
        }
        if (osVersion != null && !VERSION.matcher(osVersion).matches()) {
            throw new IllegalArgumentException("osVersion");
        }
    }

    private static void require(Set<String> allowed, String value, String name) {
        if (!allowed.contains(Objects.requireNonNull(value, name))) {
            throw new IllegalArgumentException(name);
        }
    }

    /**
     * The browser tokens, most specific first: Edge, Opera and Samsung Internet also say "Chrome/", Chrome on iOS says
     * "Safari/", and every one of them says "Mozilla/5.0".
     */
    private static final Object[][] BROWSER_TOKENS = {
            {"edge", Pattern.compile("\\b(?:Edg|EdgA|EdgiOS|Edge)/([0-9.]+)")},
            {"opera", Pattern.compile("\\b(?:OPR|OPiOS|OPT)/([0-9.]+)")},
            {"samsung", Pattern.compile("\\bSamsungBrowser/([0-9.]+)")},
            {"firefox", Pattern.compile("\\b(?:Firefox|FxiOS)/([0-9.]+)")},
            {"chromium", Pattern.compile("\\b(?:Chromium|HeadlessChrome)/([0-9.]+)")},
            {"chrome", Pattern.compile("\\b(?:Chrome|CriOS)/([0-9.]+)")},
            {"safari", Pattern.compile("\\bVersion/([0-9.]+).*\\bSafari/")},
    };
    private static final Pattern SAFARI_ANY = Pattern.compile("\\bSafari/");
    private static final Pattern WINDOWS = Pattern.compile("\\bWindows NT ([0-9]+\\.[0-9]+)");
    private static final Pattern ANDROID = Pattern.compile("\\bAndroid(?: ([0-9]+(?:\\.[0-9]+)?))?");
    private static final Pattern IOS = Pattern.compile("\\b(?:iPhone|CPU) OS ([0-9]+)(?:_([0-9]+))?");
    private static final Pattern MACOS = Pattern.compile("\\bMac OS X ([0-9]+)(?:[_.]([0-9]+))?");

    /** Reads a {@code User-Agent} header; null or blank gives {@link #UNKNOWN}. */
    public static UserAgent parse(String header) {
        if (header == null || header.isBlank()) {
            return UNKNOWN;
        }
        String ua = header.length() > MAX_CHARS ? header.substring(0, MAX_CHARS) : header;
        String browser = "other";
        String browserVersion = null;
        for (Object[] b : BROWSER_TOKENS) {
            Matcher m = ((Pattern) b[1]).matcher(ua);
            if (m.find()) {
                browser = (String) b[0];
                browserVersion = majorMinor(m.group(1));
                break;
            }
        }
        if (browser.equals("other") && SAFARI_ANY.matcher(ua).find() && ua.contains("AppleWebKit")
                && (ua.contains("Macintosh") || ua.contains("iPhone") || ua.contains("iPad"))) {
            browser = "safari"; // an Apple web view without a Version/ token
        }

        String os = "other";
        String osVersion = null;
        String device = "other";
        Matcher m;
        if (ua.contains("iPad")) {
            os = "ios";
            device = "tablet";
            osVersion = (m = IOS.matcher(ua)).find() ? join(m.group(1), m.group(2)) : null;
        } else if (ua.contains("iPhone") || ua.contains("iPod")) {
            os = "ios";
            device = "mobile";
            osVersion = (m = IOS.matcher(ua)).find() ? join(m.group(1), m.group(2)) : null;
        } else if ((m = ANDROID.matcher(ua)).find()) {
            os = "android";
            osVersion = m.group(1) == null ? null : majorMinor(m.group(1));
            // Android tablets leave out "Mobile" (Google's advice to browser makers)
            device = ua.contains("Mobile") ? "mobile" : "tablet";
        } else if ((m = WINDOWS.matcher(ua)).find()) {
            os = "windows";
            osVersion = windowsVersion(m.group(1));
            device = "desktop";
        } else if (ua.contains("CrOS")) {
            os = "chromeos";
            device = "desktop";
        } else if (ua.contains("Macintosh") || ua.contains("Mac OS X")) {
            os = "macos";
            osVersion = (m = MACOS.matcher(ua)).find() ? join(m.group(1), m.group(2)) : null;
            device = "desktop";
        } else if (ua.contains("Linux") || ua.contains("X11")) {
            os = "linux";
            device = ua.contains("Mobile") ? "mobile" : "desktop";
        } else if (ua.toLowerCase(Locale.ROOT).contains("mobile")) {
            device = "mobile";
        }
        return new UserAgent(device, browser, browserVersion, os, osVersion);
    }

    /** "10.0" is Windows 10 or 11 (browsers freeze it); the older ones by their NT numbers. */
    private static String windowsVersion(String nt) {
        return switch (nt) {
            case "10.0" -> "10";
            case "6.3" -> "8.1";
            case "6.2" -> "8";
            case "6.1" -> "7";
            default -> null;
        };
    }

    private static String join(String major, String minor) {
        return checked(minor == null ? major : major + "." + minor);
    }

    /** The first two numbers of a dotted version, if they fit the catalogue's shape. */
    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        return checked(parts.length == 1 || parts[1].isEmpty() ? parts[0] : parts[0] + "." + parts[1]);
    }

    private static String checked(String v) {
        return v != null && VERSION.matcher(v).matches() ? v : null;
    }
}
