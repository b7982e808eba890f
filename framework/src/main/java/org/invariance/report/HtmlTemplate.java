package org.invariance.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A page made from a Mustache template that escapes everything it inserts ({@code <}, {@code >},
 * {@code &}, {@code "}): a name from YAML may hold any of them. The only raw insertions a template
 * makes are triple-braced: a PNG's base64, or a section another {@code HtmlTemplate} rendered.
 */
public final class HtmlTemplate {
  private final Mustache mustache;

  private HtmlTemplate(Mustache mustache) {
    this.mustache = mustache;
  }

  /** The template {@code resource}, found beside {@code anchor}'s class file. */
  public static HtmlTemplate of(Class<?> anchor, String resource) {
    DefaultMustacheFactory factory = new DefaultMustacheFactory() {
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(Html.attribute(value));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    InputStream stream = anchor.getResourceAsStream(resource);
    if (stream == null) throw new IllegalStateException("no template " + resource + " beside " + anchor.getName());
    try (InputStreamReader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      return new HtmlTemplate(factory.compile(in, resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page for these values (maps, lists, strings, numbers, booleans, as Mustache reads them). */
  public String render(Map<String, Object> values) {
    StringWriter out = new StringWriter(1 << 16);
    mustache.execute(out, values); // a StringWriter needs no flush
    return out.toString();
  }
}
