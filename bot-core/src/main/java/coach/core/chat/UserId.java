package coach.core.chat;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's id across the product: {@code console:NAME}, {@code slack:TEAM:USER} or {@code
 * discord:USER}, per the command-line contract. Immutable and validated on construction.
 */
public record UserId(String value) {

  private static final Pattern CONSOLE = Pattern.compile("console:[A-Za-z0-9._-]{1,64}");
  private static final Pattern SLACK = Pattern.compile("slack:[A-Z0-9]{1,32}:[A-Z0-9]{1,32}");
  private static final Pattern DISCORD = Pattern.compile("discord:[0-9]{1,20}");

  public UserId {
    Objects.requireNonNull(value, "value");
    if (!CONSOLE.matcher(value).matches()
        && !SLACK.matcher(value).matches()
        && !DISCORD.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "A user id looks like console:NAME, slack:TEAM:USER or discord:USER, not '"
              + value
              + "'");
    }
  }

  /** The id of a console user; the name may hold letters, digits, dot, dash and underscore. */
  public static UserId console(String name) {
    return new UserId("console:" + name);
  }

  public static UserId slack(String teamId, String userId) {
    return new UserId("slack:" + teamId + ":" + userId);
  }

  public static UserId discord(String userId) {
    return new UserId("discord:" + userId);
  }

  /** Parses an id, returning an explanatory exception for anything malformed. */
  public static UserId parse(String value) {
    return new UserId(value == null ? null : value.trim());
  }

  /** The platform prefix: console, slack or discord. */
  public String platform() {
    return value.substring(0, value.indexOf(':'));
  }

  @Override
  public String toString() {
    return value;
  }
}
