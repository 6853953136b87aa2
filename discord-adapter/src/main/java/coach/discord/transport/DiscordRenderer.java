package coach.discord.transport;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Renders neutral {@link Reply} content as Discord messages. A reply of plain paragraphs becomes
 * plain message content; anything richer becomes embeds: each heading starts an embed (its title),
 * paragraphs and bullet lists fill the description, label/value pairs (a scorecard) become embed
 * fields, and context lines (progress through the outline) become the footer. Choices become
 * buttons whose custom id is the core's action id, so a button does exactly what its command word
 * does. Files are attached to the last message.
 *
 * <p>Discord's limits are respected by splitting, never by failing: content over 2,000 characters,
 * descriptions over 4,096, field values over 1,024 and footers over 2,048 continue in the next
 * message or embed; titles over 256, field names over 256 and button labels over 80 are shortened
 * with an ellipsis; more than 25 fields, 10 embeds, 6,000 embed characters, 5 buttons a row, 5 rows
 * or 10 files go on in further messages. Every rendered message allows no mentions at all, so
 * nothing the coach echoes can ping anyone.
 */
public final class DiscordRenderer {

  static final int MAX_CONTENT = Message.MAX_CONTENT_LENGTH;
  static final int MAX_TITLE = MessageEmbed.TITLE_MAX_LENGTH;
  static final int MAX_DESCRIPTION = MessageEmbed.DESCRIPTION_MAX_LENGTH;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = MessageEmbed.VALUE_MAX_LENGTH;
  static final int MAX_FOOTER = MessageEmbed.TEXT_MAX_LENGTH;
  static final int MAX_FIELDS = MessageEmbed.MAX_FIELD_AMOUNT;
  static final int MAX_EMBED_TOTAL = MessageEmbed.EMBED_MAX_LENGTH_BOT;
  static final int MAX_EMBEDS = Message.MAX_EMBED_COUNT;
  static final int MAX_BUTTONS_PER_ROW = 5;
  static final int MAX_ROWS = Message.MAX_COMPONENT_COUNT;
  static final int MAX_LABEL = Button.LABEL_MAX_LENGTH;
  static final int MAX_CUSTOM_ID = Button.ID_MAX_LENGTH;
  static final int MAX_FILES = Message.MAX_FILE_AMOUNT;

  /** Text of a message that only carries buttons or files that did not fit the one before. */
  public static final String MORE = "More:";

  private static final Color COLOUR = new Color(0x58, 0x65, 0xF2);
  private static final Pattern UNIQUE_SUFFIX = Pattern.compile("#[0-9]+$");
  private static final String LONG_ID_PREFIX = "h:";
  private static final int MAX_REMEMBERED_LONG_IDS = 10_000;

  /** Action ids too long for a custom id, by the short id used instead. */
  private final Map<String, String> longActionIds = new ConcurrentHashMap<>();

  /**
   * One Discord message: content (may be empty), embeds, rows of buttons and files. Build the
   * request body with {@link #toCreateData()}, afresh for every try (a file upload is consumed).
   */
  public record DiscordMessage(
      String content, List<MessageEmbed> embeds, List<List<Button>> rows, List<Block.File> files) {
    public DiscordMessage {
      rows = rows.stream().map(List::copyOf).toList();
      embeds = List.copyOf(embeds);
      files = List.copyOf(files);
    }

    /** All buttons, row by row. */
    public List<Button> buttons() {
      return rows.stream().flatMap(List::stream).toList();
    }

    /** The message to send, with mentions disabled. */
    public MessageCreateData toCreateData() {
      MessageCreateBuilder builder = new MessageCreateBuilder();
      if (!content.isEmpty()) {
        builder.setContent(content);
      }
      builder.setEmbeds(embeds);
      builder.setComponents(rows.stream().map(ActionRow::of).toList());
      builder.setFiles(
          files.stream().map(f -> FileUpload.fromData(f.data(), f.fileName())).toList());
      builder.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
      builder.mentionRepliedUser(false);
      return builder.build();
    }

    /** The same message as an edit that replaces the whole of an earlier one. */
    public MessageEditData toEditData() {
      return MessageEditData.fromCreateData(toCreateData());
    }
  }

  /** Renders a reply as one or more messages, in order. */
  public List<DiscordMessage> render(Reply reply) {
    boolean plain =
        reply.blocks().stream()
            .allMatch(b -> b instanceof Block.Paragraph || b instanceof Block.File);
    return plain ? renderPlain(reply) : new Rich().render(reply);
  }

  /**
   * The action id the core issued for a pressed button's custom id, or empty when the id is one
   * this renderer no longer remembers (a very long id from before a restart).
   */
  public Optional<String> coreActionId(String customId) {
    String id = UNIQUE_SUFFIX.matcher(customId).replaceFirst("");
    if (id.startsWith(LONG_ID_PREFIX)) {
      return Optional.ofNullable(longActionIds.get(id));
    }
    return Optional.of(id);
  }

  private List<DiscordMessage> renderPlain(Reply reply) {
    List<String> paragraphs = new ArrayList<>();
    List<Block.File> files = new ArrayList<>();
    for (Block block : reply.blocks()) {
      if (block instanceof Block.Paragraph paragraph) {
        if (!paragraph.text().isBlank()) {
          paragraphs.add(paragraph.text().strip());
        }
      } else {
        files.add((Block.File) block);
      }
    }
    List<DiscordMessage> messages = new ArrayList<>();
    if (!paragraphs.isEmpty()) {
      for (String piece : DiscordText.split(String.join("\n\n", paragraphs), MAX_CONTENT)) {
        messages.add(new DiscordMessage(piece, List.of(), List.of(), List.of()));
      }
    }
    attachFiles(messages, files);
    return messages;
  }

  /** Attaches files to the last message, ten at most per message. */
  private static void attachFiles(List<DiscordMessage> messages, List<Block.File> files) {
    for (int from = 0; from < files.size(); from += MAX_FILES) {
      List<Block.File> batch = files.subList(from, Math.min(files.size(), from + MAX_FILES));
      DiscordMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      if (last != null && last.files().isEmpty()) {
        messages.set(
            messages.size() - 1,
            new DiscordMessage(last.content(), last.embeds(), last.rows(), batch));
      } else {
        String content = batch.get(0).description();
        messages.add(
            new DiscordMessage(
                DiscordText.truncate(content.isBlank() ? MORE : content, MAX_CONTENT),
                List.of(),
                List.of(),
                batch));
      }
    }
  }

  private String customId(String actionId, Set<String> used) {
    String base = actionId;
    if (base.length() > MAX_CUSTOM_ID - 4 || UNIQUE_SUFFIX.matcher(base).find()) {
      base = LONG_ID_PREFIX + sha256(actionId).substring(0, 32);
      if (longActionIds.size() >= MAX_REMEMBERED_LONG_IDS) {
        longActionIds.clear();
      }
      longActionIds.put(base, actionId);
    }
    String candidate = base;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = base + "#" + n;
    }
    return candidate;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The state of one rich rendering: the embed being filled and the message it will join. */
  private final class Rich {
    private final List<DiscordMessage> messages = new ArrayList<>();
    private final List<Block.File> files = new ArrayList<>();
    private List<MessageEmbed> embeds = new ArrayList<>();
    private int messageChars;
    private List<Button> buttons = new ArrayList<>();
    private Set<String> customIds = new HashSet<>();

    private EmbedBuilder embed = newEmbed();
    private final StringBuilder description = new StringBuilder();
    private final StringBuilder footer = new StringBuilder();
    private int fields;
    private int embedChars;

    List<DiscordMessage> render(Reply reply) {
      for (Block block : reply.blocks()) {
        if (block instanceof Block.Heading heading) {
          heading(heading.text().strip());
        } else if (block instanceof Block.Paragraph paragraph) {
          text(paragraph.text().strip());
        } else if (block instanceof Block.BulletList list) {
          text(String.join("\n", list.items().stream().map(i -> "• " + i.strip()).toList()));
        } else if (block instanceof Block.Fields list) {
          for (Block.Field field : list.fields()) {
            field(field.label().strip(), field.value().strip());
          }
        } else if (block instanceof Block.Context context) {
          context(context.text().strip());
        } else if (block instanceof Block.Moment moment) {
          // Discord shows <t:..> markup in each reader's own zone; it is not escaped.
          long unix = moment.at().getEpochSecond();
          field(moment.label().strip(), "<t:" + unix + ":F> (<t:" + unix + ":R>)");
        } else if (block instanceof Block.Choices choices) {
          for (Block.Choice choice : choices.choices()) {
            button(choice);
          }
        } else if (block instanceof Block.File file) {
          files.add(file);
        }
      }
      flushEmbed();
      flushMessage();
      attachFiles(messages, files);
      return messages;
    }

    private boolean embedIsEmpty() {
      return embedChars == 0 && fields == 0;
    }

    private void heading(String text) {
      if (text.isEmpty()) {
        return;
      }
      flushEmbed();
      String title = DiscordText.truncate(text, MAX_TITLE);
      embed.setTitle(title);
      embedChars += title.length();
      if (title.length() < text.length()) {
        // The whole heading, then, at the top of the description.
        text(text);
      }
    }

    private void text(String text) {
      if (text.isEmpty()) {
        return;
      }
      if (fields > 0 || footer.length() > 0) {
        flushEmbed();
      }
      String separator = description.length() == 0 ? "" : "\n\n";
      int room = Math.min(MAX_DESCRIPTION - description.length(), MAX_EMBED_TOTAL - embedChars);
      if (separator.length() + text.length() <= room) {
        description.append(separator).append(text);
        embedChars += separator.length() + text.length();
        return;
      }
      if (description.length() > 0 || MAX_EMBED_TOTAL - embedChars < MAX_DESCRIPTION) {
        flushEmbed();
      }
      List<String> pieces = DiscordText.split(text, MAX_DESCRIPTION);
      for (int i = 0; i < pieces.size(); i++) {
        if (i > 0) {
          flushEmbed();
        }
        description.append(pieces.get(i));
        embedChars += pieces.get(i).length();
      }
    }

    private void field(String label, String value) {
      if (footer.length() > 0) {
        flushEmbed();
      }
      String name = DiscordText.truncate(label.isEmpty() ? "\u200b" : label, MAX_FIELD_NAME);
      List<String> values = DiscordText.split(value.isEmpty() ? "\u200b" : value, MAX_FIELD_VALUE);
      boolean inline = values.size() == 1 && value.length() <= 60 && name.length() <= 40;
      for (int i = 0; i < values.size(); i++) {
        String fieldName = i == 0 ? name : EmbedBuilder.ZERO_WIDTH_SPACE;
        int size = fieldName.length() + values.get(i).length();
        if (fields == MAX_FIELDS || embedChars + size > MAX_EMBED_TOTAL) {
          flushEmbed();
        }
        embed.addField(fieldName, values.get(i), inline);
        fields++;
        embedChars += size;
      }
    }

    private void context(String text) {
      if (text.isEmpty()) {
        return;
      }
      for (String piece : DiscordText.split(text, MAX_FOOTER)) {
        int extra = (footer.length() == 0 ? 0 : 1) + piece.length();
        if (footer.length() + extra > MAX_FOOTER || embedChars + extra > MAX_EMBED_TOTAL) {
          flushEmbed();
          extra = piece.length();
        }
        if (footer.length() > 0) {
          footer.append('\n');
        }
        footer.append(piece);
        embedChars += extra;
      }
    }

    private void button(Block.Choice choice) {
      if (buttons.size() == MAX_BUTTONS_PER_ROW * MAX_ROWS) {
        flushEmbed();
        flushMessage();
      }
      String label = DiscordText.truncate(choice.label().strip(), MAX_LABEL);
      buttons.add(
          Button.secondary(
              customId(choice.actionId(), customIds), label.isEmpty() ? "\u200b" : label));
    }

    private void flushEmbed() {
      if (embedIsEmpty()) {
        embed = newEmbed();
        return;
      }
      if (description.length() > 0) {
        embed.setDescription(description.toString());
      }
      if (footer.length() > 0) {
        embed.setFooter(footer.toString());
      }
      MessageEmbed built = embed.build();
      int length = built.getLength();
      if (embeds.size() == MAX_EMBEDS || messageChars + length > MAX_EMBED_TOTAL) {
        flushMessage();
      }
      embeds.add(built);
      messageChars += length;
      embed = newEmbed();
      description.setLength(0);
      footer.setLength(0);
      fields = 0;
      embedChars = 0;
    }

    /** Ends the current message with the buttons gathered so far. */
    private void flushMessage() {
      if (embeds.isEmpty() && buttons.isEmpty()) {
        return;
      }
      List<List<Button>> rows = new ArrayList<>();
      for (int from = 0; from < buttons.size(); from += MAX_BUTTONS_PER_ROW) {
        rows.add(buttons.subList(from, Math.min(buttons.size(), from + MAX_BUTTONS_PER_ROW)));
      }
      messages.add(new DiscordMessage(embeds.isEmpty() ? MORE : "", embeds, rows, List.of()));
      embeds = new ArrayList<>();
      messageChars = 0;
      buttons = new ArrayList<>();
      customIds = new HashSet<>();
    }

    private EmbedBuilder newEmbed() {
      return new EmbedBuilder().setColor(COLOUR);
    }
  }
}
