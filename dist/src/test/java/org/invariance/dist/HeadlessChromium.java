package org.invariance.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.testing.ExternalTool;

/**
 * Loads a page in Debian's headless Chromium and reports how many of its images the browser
 * decoded. The page is copied with a small script appended that counts, after the load event,
 * the images that are complete with a natural width; {@code --dump-dom} prints the result.
 */
final class HeadlessChromium {
  private static final String PROBE = """
      <script>
      window.addEventListener('load', () => {
        const all = Array.from(document.images);
        const ok = all.filter(i => i.complete && i.naturalWidth > 0).length;
        document.body.setAttribute('data-images-loaded', ok + '/' + all.length);
      });
      </script>
      """;

  record Loaded(int images, int decoded, String dom) {}

  static Loaded load(Path page, Path work) throws IOException, InterruptedException {
    Path chromium = ExternalTool.require("chromium");
    Path copy = work.resolve("probe-" + page.getFileName());
    String html = Files.readString(page, StandardCharsets.UTF_8);
    int end = html.lastIndexOf("</body>");
    Files.writeString(copy, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
    Path profile = Files.createDirectories(work.resolve("chromium-profile"));
    Path out = work.resolve("dom.html");
    // the flags keep it off the (closed) network; a fresh profile per run
    Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString()))
        .redirectOutput(out.toFile()).redirectError(work.resolve("chromium.log").toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) throw new IOException("chromium did not finish within 120 s; log: " + work.resolve("chromium.log"));
    } finally {
      if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String dom = Files.readString(out);
    Matcher m = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
    if (!m.find()) throw new IOException("chromium (exit " + p.exitValue() + ") did not run the page's load handler; dom starts: "
        + dom.substring(0, Math.min(300, dom.length())) + "; log: " + Files.readString(work.resolve("chromium.log")).lines().limit(5).toList());
    return new Loaded(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), dom);
  }
}
