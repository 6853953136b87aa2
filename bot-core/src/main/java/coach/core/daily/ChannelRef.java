package coach.core.daily;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A team channel on a platform: {@code slack:TEAM:CHANNEL} or {@code discord:GUILD:CHANNEL}. The
 * {@link #key()} is how schedules and posts are stored.
 */
public record ChannelRef(String platform, String workspace, String channel) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public ChannelRef {
    Objects.requireNonNull(platform, "platform");
    if (!platform.equals("slack") && !platform.equals("discord")) {
      throw new IllegalArgumentException("a channel is on slack or discord, not " + platform);
    }
    if (workspace == null || !PART.matcher(workspace).matches()) {
      throw new IllegalArgumentException("bad workspace id: " + workspace);
    }
    if (channel == null || !PART.matcher(channel).matches()) {
      throw new IllegalArgumentException("bad channel id: " + channel);
    }
  }

  public static ChannelRef slack(String teamId, String channelId) {
    return new ChannelRef("slack", teamId, channelId);
  }

  public static ChannelRef discord(String guildId, String channelId) {
    return new ChannelRef("discord", guildId, channelId);
  }

  /** Parses a {@link #key()}; throws {@link IllegalArgumentException} for anything else. */
  public static ChannelRef parse(String key) {
    String[] parts = key == null ? new String[0] : key.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a channel looks like slack:TEAM:CHANNEL or discord:GUILD:CHANNEL, not " + key);
    }
    return new ChannelRef(parts[0], parts[1], parts[2]);
  }

  /** {@code platform:workspace:channel}. */
  public String key() {
    return platform + ":" + workspace + ":" + channel;
  }

  @Override
  public String toString() {
    return key();
  }
}
