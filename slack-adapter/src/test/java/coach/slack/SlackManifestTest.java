package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.slack.daily.SlackDaily;
import coach.slack.mock.SlackMock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app manifest in the repository asks for what the code uses. */
class SlackManifestTest {

  @Test
  void theManifestHasEveryScopeAndEventDailyPromptsAndMockSessionsUse() throws Exception {
    List<String> items =
        Files.readAllLines(Path.of("manifest.yml")).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("- "))
            .map(l -> l.substring(2).replaceAll("\\s+#.*$", "").strip())
            .toList();
    assertThat(items).containsAll(SlackDaily.SCOPES).containsAll(SlackMock.SCOPES);
    assertThat(items).contains("message.channels", "message.groups", "message.im");
    // `mock avoid @name`: Slack sends the mention as <@U123|name> only with escaping on.
    assertThat(Files.readString(Path.of("manifest.yml"))).contains("should_escape: true");
  }
}
