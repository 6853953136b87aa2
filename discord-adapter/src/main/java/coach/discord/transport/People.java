package coach.discord.transport;

import coach.core.chat.Sender;
import coach.core.chat.UserId;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

/** Discord users as the core knows them. */
public final class People {

  private People() {}

  /** The sender of an event: the user's id and the name they show everywhere. */
  public static Sender sender(User user) {
    return new Sender(UserId.discord(user.getId()), user.getEffectiveName());
  }

  /** The name to show for someone in a server: their nickname there, if any. */
  public static String displayName(Member member, User user) {
    return member != null ? member.getEffectiveName() : user.getEffectiveName();
  }
}
