package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * The messages of a running session's rounds: at the start and at each swap, each member's part
 * (interviewer with the rubric, candidate with the brief, or observer in a trio), and the offer of
 * a DM practice to someone with no partner.
 */
final class RoundMessages {

  private final Curriculum curriculum;
  private final MockRecords records;
  private final MockProfiles profiles;
  private final BiFunction<Handle, UserId, String> names;
  private final InterviewerBrief interviewerBrief;
  private final CandidateBrief candidateBrief;

  RoundMessages(
      Curriculum curriculum,
      MockRecords records,
      MockProfiles profiles,
      BiFunction<Handle, UserId, String> names) {
    this.curriculum = curriculum;
    this.records = records;
    this.profiles = profiles;
    this.names = names;
    this.interviewerBrief = new InterviewerBrief(curriculum);
    this.candidateBrief = new CandidateBrief(curriculum);
  }

  /** detail is {@code GROUP:ROUND}: the round starting; the recipient's part in it. */
  Reply roundMessage(Handle h, MockSession s, MockOutbox.Message m) {
    UserId me = m.user().orElseThrow();
    String[] parts = m.detail().split(":");
    int group = Integer.parseInt(parts[0]);
    int round = Integer.parseInt(parts[1]);
    List<MockRecords.StoredRound> rounds =
        records.rounds(h, s.id()).stream().filter(r -> r.group() == group).toList();
    MockRecords.StoredRound now = rounds.get(round);
    int n = rounds.size();
    int minutes = s.minutes() / n;
    Reply.Builder b = Reply.builder();
    boolean first = m.kind() == MockOutbox.Kind.PAIRED;
    String opening =
        first
            ? "Mock interview #" + s.id() + " starts now. "
            : "Time to swap in mock interview #"
                + s.id()
                + ": round "
                + (round + 1)
                + " of "
                + n
                + " starts now. ";
    Prompt prompt = curriculum.prompt(now.promptId()).orElseThrow();
    List<String> focus = focusSections(h, now.candidate());
    if (now.interviewer().equals(me)) {
      b.paragraph(
          opening
              + "You are the interviewer this round; your candidate is "
              + names.apply(h, now.candidate())
              + (n > 2 ? " (" + names.apply(h, otherMember(rounds, now)) + " observes)" : "")
              + ". Run it like a real interview: let them lead, ask the follow-ups below when"
              + " something is missing, and answer clarifying questions from the facts.");
      b.append(
          interviewerBrief.render(
              prompt, names.apply(h, now.candidate()), focus, round + 1, n, minutes));
    } else if (now.candidate().equals(me)) {
      b.paragraph(
          opening
              + "You are the candidate this round; your interviewer is "
              + names.apply(h, now.interviewer())
              + (n > 2 ? " (" + names.apply(h, otherMember(rounds, now)) + " observes)" : "")
              + ".");
      b.append(
          candidateBrief.render(
              prompt, names.apply(h, now.interviewer()), focus, round + 1, n, minutes));
    } else {
      b.paragraph(
          opening
              + "You observe this round: "
              + names.apply(h, now.interviewer())
              + " interviews "
              + names.apply(h, now.candidate())
              + " on "
              + prompt.title()
              + ". Take notes for the feedback. "
              + laterRoles(rounds, me, round));
    }
    if (first) {
      b.context(
          rolesOverview(h, rounds)
              + " Press I'm here once you've joined your partner, so Coach knows you came.");
      b.choices(List.of(new Block.Choice(MockMessages.HERE + ":" + s.id(), "I'm here")));
    }
    return b.build();
  }

  private static UserId otherMember(
      List<MockRecords.StoredRound> rounds, MockRecords.StoredRound now) {
    for (MockRecords.StoredRound r : rounds) {
      for (UserId u : List.of(r.interviewer(), r.candidate())) {
        if (!u.equals(now.interviewer()) && !u.equals(now.candidate())) {
          return u;
        }
      }
    }
    return now.interviewer();
  }

  private static String laterRoles(List<MockRecords.StoredRound> rounds, UserId me, int current) {
    List<String> later = new ArrayList<>();
    for (MockRecords.StoredRound r : rounds) {
      if (r.round() <= current) {
        continue;
      }
      if (r.candidate().equals(me)) {
        later.add("the candidate in round " + (r.round() + 1));
      } else if (r.interviewer().equals(me)) {
        later.add("the interviewer in round " + (r.round() + 1));
      }
    }
    return later.isEmpty() ? "" : "You'll be " + String.join(" and ", later) + ".";
  }

  private String rolesOverview(Handle h, List<MockRecords.StoredRound> rounds) {
    List<String> lines = new ArrayList<>();
    for (MockRecords.StoredRound r : rounds) {
      lines.add(
          "round "
              + (r.round() + 1)
              + ": "
              + names.apply(h, r.interviewer())
              + " interviews "
              + names.apply(h, r.candidate()));
    }
    return "Rounds: " + String.join("; ", lines) + ". Coach tells you when to swap.";
  }

  /** The candidate's weakest sections first, at most three (from their coverage). */
  List<String> focusSections(Handle h, UserId candidate) {
    return profiles.weakestSections(h, candidate).stream().limit(3).toList();
  }

  Reply alone(MockSession s, String promptId) {
    Optional<Prompt> prompt = curriculum.prompt(promptId);
    Reply.Builder b =
        Reply.builder()
            .paragraph(
                "Mock interview #"
                    + s.id()
                    + " starts now, but there's nobody I can pair you with this time. Sorry!"
                    + " Practise the same way with me in this DM instead: I'll play the"
                    + " interviewer"
                    + prompt.map(p -> " on " + p.title()).orElse("")
                    + ".");
    prompt.ifPresent(
        p ->
            b.choices(
                List.of(new Block.Choice("practice:start:" + p.id(), "Practise " + p.title()))));
    return b.build();
  }
}
