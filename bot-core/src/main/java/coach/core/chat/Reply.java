package coach.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the coach says back, as platform-neutral content. Text is plain: adapters escape it for
 * their platform and may render `backticks` as code. Nothing in a reply pings anyone. {@code
 * endsSession} is true when the reply closes a practice session (adapters refresh progress views).
 */
public record Reply(List<Block> blocks, boolean endsSession) {

  public Reply {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one block");
    }
  }

  public Reply(List<Block> blocks) {
    this(blocks, false);
  }

  /** A reply of one paragraph. */
  public static Reply text(String text) {
    return new Reply(List.of(new Block.Paragraph(text)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** All the text of the reply, one block a line: for logs, tests and plain renderers. */
  public String plainText() {
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(block.plainText());
    }
    return out.toString();
  }

  /** A piece of a reply. Each adapter renders each kind in its platform's idiom. */
  public sealed interface Block
      permits Block.Heading,
          Block.Paragraph,
          Block.BulletList,
          Block.Fields,
          Block.Context,
          Block.Choices,
          Block.Moment,
          Block.File {

    String plainText();

    /** A short title: a section's name, a scenario's title. */
    record Heading(String text) implements Block {
      public Heading {
        Objects.requireNonNull(text, "text");
      }

      @Override
      public String plainText() {
        return text;
      }
    }

    /** Running text; may span lines. */
    record Paragraph(String text) implements Block {
      public Paragraph {
        Objects.requireNonNull(text, "text");
      }

      @Override
      public String plainText() {
        return text;
      }
    }

    /** A list of items, shown as bullets. */
    record BulletList(List<String> items) implements Block {
      public BulletList {
        items = List.copyOf(items);
      }

      @Override
      public String plainText() {
        return String.join("\n", items.stream().map(i -> "- " + i).toList());
      }
    }

    /** Label/value pairs, such as a scorecard. */
    record Fields(List<Field> fields) implements Block {
      public Fields {
        fields = List.copyOf(fields);
      }

      @Override
      public String plainText() {
        return String.join("\n", fields.stream().map(f -> f.label() + ": " + f.value()).toList());
      }
    }

    /** One label/value pair of {@link Fields}. */
    record Field(String label, String value) {
      public Field {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
      }
    }

    /** A small line of context, such as progress through the outline. */
    record Context(String text) implements Block {
      public Context {
        Objects.requireNonNull(text, "text");
      }

      @Override
      public String plainText() {
        return text;
      }
    }

    /** Buttons. Choosing one acts exactly like typing its command word. */
    record Choices(List<Choice> choices) implements Block {
      public Choices {
        choices = List.copyOf(choices);
      }

      @Override
      public String plainText() {
        return String.join(" ", choices.stream().map(c -> "[" + c.label() + "]").toList());
      }
    }

    /**
     * A moment in time, labelled ("Starts"), that each reader should see in their own time zone:
     * platforms that can (Slack's date token, Discord's timestamp markup) render it in the reader's
     * zone; elsewhere it is shown in {@code zone}, named.
     */
    record Moment(String label, java.time.Instant at, java.time.ZoneId zone) implements Block {
      private static final java.time.format.DateTimeFormatter FORMAT =
          java.time.format.DateTimeFormatter.ofPattern(
              "EEE d MMM yyyy, HH:mm", java.util.Locale.ENGLISH);

      public Moment {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
      }

      /** The moment in {@link #zone()}, e.g. "Tue 8 Dec 2026, 18:00 (Europe/Berlin)". */
      public String inZone() {
        return FORMAT.format(at.atZone(zone)) + " (" + zone.getId() + ")";
      }

      @Override
      public String plainText() {
        return label + ": " + inZone();
      }
    }

    /**
     * A file to hand over: a chart (image/png) or an export (application/json). Adapters upload it;
     * the console saves it and prints the path. Its bytes may be produced lazily: {@link #data()}
     * renders them on first use, once, so slow drawing happens when the reply is sent, outside the
     * transaction that built it.
     */
    final class File implements Block {
      private final String fileName;
      private final String mimeType;
      private final String description;
      private Supplier<byte[]> render;
      private byte[] data;

      public File(String fileName, String mimeType, byte[] data, String description) {
        this(fileName, mimeType, constant(Objects.requireNonNull(data, "data")), description);
      }

      /** A file whose bytes {@code render} produces when they are first needed. */
      public File(String fileName, String mimeType, Supplier<byte[]> render, String description) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.render = Objects.requireNonNull(render, "render");
        this.description = Objects.requireNonNull(description, "description");
        if (!fileName.matches("[A-Za-z0-9._-]{1,120}")) {
          throw new IllegalArgumentException("a plain file name, not " + fileName);
        }
      }

      private static Supplier<byte[]> constant(byte[] data) {
        return () -> data;
      }

      public String fileName() {
        return fileName;
      }

      public String mimeType() {
        return mimeType;
      }

      public String description() {
        return description;
      }

      /** The file's bytes, rendered on the first call; never null. */
      public synchronized byte[] data() {
        if (data == null) {
          data = Objects.requireNonNull(render.get(), "rendered data");
          render = null;
        }
        return data;
      }

      public boolean isImage() {
        return mimeType.startsWith("image/");
      }

      @Override
      public String plainText() {
        return "[" + description + ": " + fileName + "]";
      }

      @Override
      public String toString() {
        return "File[" + fileName + ", " + mimeType + ", " + description + "]";
      }
    }

    /** One button: {@code actionId} comes back in an {@link Inbound.Choice} when it is pressed. */
    record Choice(String actionId, String label) {
      public Choice {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(label, "label");
      }
    }
  }

  /** Builds a reply block by block. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private boolean endsSession;

    /** Marks the reply as closing a practice session. */
    public Builder endsSession() {
      this.endsSession = true;
      return this;
    }

    public Builder heading(String text) {
      blocks.add(new Block.Heading(text));
      return this;
    }

    public Builder paragraph(String text) {
      blocks.add(new Block.Paragraph(text));
      return this;
    }

    public Builder bullets(List<String> items) {
      if (!items.isEmpty()) {
        blocks.add(new Block.BulletList(items));
      }
      return this;
    }

    public Builder fields(List<Block.Field> fields) {
      if (!fields.isEmpty()) {
        blocks.add(new Block.Fields(fields));
      }
      return this;
    }

    public Builder context(String text) {
      blocks.add(new Block.Context(text));
      return this;
    }

    public Builder choices(List<Block.Choice> choices) {
      if (!choices.isEmpty()) {
        blocks.add(new Block.Choices(choices));
      }
      return this;
    }

    /** A labelled moment each reader sees in their own zone (see {@link Block.Moment}). */
    public Builder moment(String label, java.time.Instant at, java.time.ZoneId zone) {
      blocks.add(new Block.Moment(label, at, zone));
      return this;
    }

    public Builder file(String fileName, String mimeType, byte[] data, String description) {
      blocks.add(new Block.File(fileName, mimeType, data, description));
      return this;
    }

    /** A file whose bytes are rendered when the reply is sent (see {@link Block.File}). */
    public Builder file(
        String fileName, String mimeType, Supplier<byte[]> render, String description) {
      blocks.add(new Block.File(fileName, mimeType, render, description));
      return this;
    }

    public Builder append(Reply reply) {
      blocks.addAll(reply.blocks());
      endsSession |= reply.endsSession();
      return this;
    }

    public boolean isEmpty() {
      return blocks.isEmpty();
    }

    public Reply build() {
      return new Reply(blocks, endsSession);
    }
  }
}
