package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.slack.daily.SlackDaily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app manifest in the repository asks for what the code uses. */
class SlackManifestTest {

  @Test
  void theManifestHasEveryScopeAndEventDailyPromptsUse() throws Exception {
    List<String> items =
        Files.readAllLines(Path.of("manifest.yml")).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("- "))
            .map(l -> l.substring(2).replaceAll("\\s+#.*$", "").strip())
            .toList();
    assertThat(items).containsAll(SlackDaily.SCOPES);
    assertThat(items).contains("message.channels", "message.groups", "message.im");
  }
}
