package de.sprechzimmer.signaling.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Real User-Agent headers of the browsers patients and doctors use, and what the statistics keep of them. */
class UserAgentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Chrome 131 on Windows 11|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|desktop|chrome|131.0|windows|10
            Chrome on Windows 7|Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36|desktop|chrome|109.0|windows|7
            Edge 131 on Windows|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86|desktop|edge|131.0|windows|10
            Firefox 133 on Windows|Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0|desktop|firefox|133.0|windows|10
            Firefox ESR on Linux|Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0|desktop|firefox|128.0|linux|-
            Debian Chromium headless (the browser tests)|Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36|desktop|chromium|156.0|linux|-
            Opera on Windows|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0|desktop|opera|115.0|windows|10
            Safari 18 on macOS|Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15|desktop|safari|18.1|macos|10.15
            Chrome on macOS|Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|desktop|chrome|131.0|macos|10.15
            Firefox on macOS|Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0|desktop|firefox|133.0|macos|14.7
            Safari on iPhone|Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1|mobile|safari|17.4|ios|17.4
            Chrome on iPhone|Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1|mobile|chrome|131.0|ios|18.1
            Firefox on iPhone|Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15|mobile|firefox|133.0|ios|18.1
            Edge on iPhone|Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/131.2903.62 Mobile/15E148 Safari/605.1.15|mobile|edge|131.2903|ios|17.0
            Safari on iPad|Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1|tablet|safari|16.6|ios|16.6
            Chrome on an Android phone|Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36|mobile|chrome|131.0|android|10
            Chrome on an Android tablet|Mozilla/5.0 (Linux; Android 14; SM-X910) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|tablet|chrome|131.0|android|14
            Samsung Internet|Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36|mobile|samsung|26.0|android|14
            Firefox on Android|Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0|mobile|firefox|133.0|android|15
            Chrome on a Chromebook|Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|desktop|chrome|131.0|chromeos|-
            Ubuntu Chromium|Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/83.0.4103.61 Chrome/83.0.4103.61 Safari/537.36|desktop|chromium|83.0|linux|-
            curl|curl/8.5.0|other|other|-|other|-
            a bot|Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|other|other|-|other|-
            """)
    void readsTheCatalogueValues(String what, String header, String device, String browser, String browserVersion,
                                 String os, String osVersion) {
        assertThat(UserAgent.parse(header)).isEqualTo(new UserAgent(device, browser, browserVersion, os, osVersion));
    }

    @Test
    void noHeaderIsOther() {
        assertThat(UserAgent.parse(null)).isEqualTo(UserAgent.UNKNOWN);
        assertThat(UserAgent.parse("  ")).isEqualTo(UserAgent.UNKNOWN);
    }

    @Test
    void versionsThatDoNotFitTheShapeAreLeftOut() {
        UserAgent ua = UserAgent.parse("Mozilla/5.0 (Windows NT 10.0) Chrome/1234567.1 Safari/537.36");
        assertThat(ua.browser()).isEqualTo("chrome");
        assertThat(ua.browserVersion()).isNull();
        assertThat(UserAgent.parse("Mozilla/5.0 (Linux; Android 99999999) Firefox/.").browserVersion()).isNull();
    }

    @Test
    void nothingOfTheHeaderButTheCatalogueValuesComesOut() {
        // Whatever arrives (random bytes, long and hostile headers): only values of the fixed sets and short
        // versions, so no free text of the header can reach the statistics.
        Random random = new Random(42);
        String alphabet = "Mozilla/5.0 (); Windows NT Android iPhone iPad CPU OS Mac X_ Chrome/ Firefox/ Edg/ OPR/"
                + " Version/ Safari/ Mobile CrOS Linux 0123456789._-<>\"'\\\u00e4\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(700);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            UserAgent ua = UserAgent.parse(sb.toString());
            assertThat(UserAgent.DEVICES).contains(ua.device());
            assertThat(UserAgent.BROWSERS).contains(ua.browser());
            assertThat(UserAgent.SYSTEMS).contains(ua.os());
            if (ua.browserVersion() != null) {
                assertThat(ua.browserVersion()).matches(UserAgent.VERSION);
            }
            if (ua.osVersion() != null) {
                assertThat(ua.osVersion()).matches(UserAgent.VERSION);
            }
        }
    }
}
