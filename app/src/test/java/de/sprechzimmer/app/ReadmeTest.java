package de.sprechzimmer.app;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.config.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the code's: regenerate it with {@code ./start.sh --settings-table}. */
class ReadmeTest {

    @Test
    void readmeListsEverySettingExactlyAsTheCodeDeclaresIt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf("<!-- settings-table:begin -->");
        int end = readme.indexOf("<!-- settings-table:end -->");
        assertThat(begin).isPositive();
        String table = readme.substring(readme.indexOf('\n', begin) + 1, end);
        assertThat(table)
                .as("README table is stale: run tools/update-readme-settings.sh")
                .isEqualTo(SettingsTable.markdown(AppSettings.all()));
    }
}
