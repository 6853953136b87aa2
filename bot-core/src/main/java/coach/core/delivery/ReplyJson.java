package coach.core.delivery;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply as stored in the outbox: JSON with one object a block. A file's bytes are not stored
 * (they can be large, and are drawn when the reply is first sent): a reply sent again from the
 * outbox says which file to ask for again instead. Round-trips every other block exactly.
 */
final class ReplyJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplyJson() {}

  static String write(Reply reply) {
    ObjectNode root = JSON.createObjectNode();
    root.put("endsSession", reply.endsSession());
    ArrayNode blocks = root.putArray("blocks");
    for (Block block : reply.blocks()) {
      ObjectNode out = blocks.addObject();
      if (block instanceof Block.Heading heading) {
        out.put("type", "heading").put("text", heading.text());
      } else if (block instanceof Block.Paragraph paragraph) {
        out.put("type", "paragraph").put("text", paragraph.text());
      } else if (block instanceof Block.Context context) {
        out.put("type", "context").put("text", context.text());
      } else if (block instanceof Block.BulletList list) {
        ArrayNode items = out.put("type", "bullets").putArray("items");
        list.items().forEach(items::add);
      } else if (block instanceof Block.Fields fields) {
        ArrayNode items = out.put("type", "fields").putArray("fields");
        fields
            .fields()
            .forEach(f -> items.addObject().put("label", f.label()).put("value", f.value()));
      } else if (block instanceof Block.Choices choices) {
        ArrayNode items = out.put("type", "choices").putArray("choices");
        choices
            .choices()
            .forEach(c -> items.addObject().put("actionId", c.actionId()).put("label", c.label()));
      } else if (block instanceof Block.Moment moment) {
        out.put("type", "moment")
            .put("label", moment.label())
            .put("at", moment.at().toString())
            .put("zone", moment.zone().getId());
      } else if (block instanceof Block.File file) {
        out.put("type", "file")
            .put("fileName", file.fileName())
            .put("description", file.description());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a reply that cannot be written as JSON", e);
    }
  }

  static Reply read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("an outbox reply that is not JSON", e);
    }
    List<Block> blocks = new ArrayList<>();
    for (JsonNode block : root.path("blocks")) {
      switch (block.path("type").asText()) {
        case "heading" -> blocks.add(new Block.Heading(block.path("text").asText()));
        case "paragraph" -> blocks.add(new Block.Paragraph(block.path("text").asText()));
        case "context" -> blocks.add(new Block.Context(block.path("text").asText()));
        case "bullets" -> blocks.add(new Block.BulletList(strings(block.path("items"))));
        case "fields" -> {
          List<Block.Field> fields = new ArrayList<>();
          block
              .path("fields")
              .forEach(
                  f ->
                      fields.add(
                          new Block.Field(f.path("label").asText(), f.path("value").asText())));
          blocks.add(new Block.Fields(fields));
        }
        case "choices" -> {
          List<Block.Choice> choices = new ArrayList<>();
          block
              .path("choices")
              .forEach(
                  c ->
                      choices.add(
                          new Block.Choice(c.path("actionId").asText(), c.path("label").asText())));
          blocks.add(new Block.Choices(choices));
        }
        case "moment" ->
            blocks.add(
                new Block.Moment(
                    block.path("label").asText(),
                    Instant.parse(block.path("at").asText()),
                    ZoneId.of(block.path("zone").asText())));
        case "file" ->
            blocks.add(
                new Block.Context(
                    "I couldn't send the file "
                        + block.path("fileName").asText()
                        + " ("
                        + block.path("description").asText()
                        + ") this time; ask for it again and I'll attach it."));
        default ->
            throw new IllegalArgumentException(
                "an outbox reply with an unknown block " + block.path("type").asText());
      }
    }
    return new Reply(blocks, root.path("endsSession").asBoolean());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
