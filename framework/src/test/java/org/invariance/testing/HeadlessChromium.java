package org.invariance.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Loads a page in Debian's headless Chromium and reports how many of its images the browser
 * decoded, or takes a screenshot of it. The page is copied with a small script appended that
 * counts, after the load event, the images that are complete with a natural width;
 * {@code --dump-dom} prints the result.
 */
public final class HeadlessChromium {
  private static final String PROBE = """
      <script>
      window.addEventListener('load', () => {
        const all = Array.from(document.images);
        const ok = all.filter(i => i.complete && i.naturalWidth > 0).length;
        document.body.setAttribute('data-images-loaded', ok + '/' + all.length);
      });
      </script>
      """;

  public record Loaded(int images, int decoded, String dom) {}

  private HeadlessChromium() {}

  /** The flags that keep it off the (closed) network, with a fresh profile in {@code work}. */
  private static List<String> command(Path work, String... rest) throws IOException {
    Path chromium = ExternalTool.require("chromium");
    Path profile = Files.createDirectories(work.resolve("chromium-profile"));
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    cmd.addAll(List.of(rest));
    return cmd;
  }

  private static void await(Process p, Path work) throws IOException, InterruptedException {
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) throw new IOException("chromium did not finish within 120 s; log: " + work.resolve("chromium.log"));
    } finally {
      if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A screenshot of the page's top {@code height} pixels at {@code width}, as a reader's browser window shows it, into {@code png}. */
  public static BufferedImage screenshot(Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    Process p = new ProcessBuilder(command(work, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        page.toUri().toString())).redirectOutput(work.resolve("chromium-shot.log").toFile()).redirectErrorStream(true).start();
    await(p, work);
    if (!Files.isRegularFile(png)) throw new IOException("chromium (exit " + p.exitValue() + ") wrote no screenshot; log: "
        + Files.readString(work.resolve("chromium-shot.log")).lines().limit(5).toList());
    return ImageIO.read(png.toFile());
  }

  public static Loaded load(Path page, Path work) throws IOException, InterruptedException {
    Path copy = work.resolve("probe-" + page.getFileName());
    String html = Files.readString(page, StandardCharsets.UTF_8);
    int end = html.lastIndexOf("</body>");
    Files.writeString(copy, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
    Path out = work.resolve("dom.html");
    Process p = new ProcessBuilder(command(work, "--dump-dom", copy.toUri().toString()))
        .redirectOutput(out.toFile()).redirectError(work.resolve("chromium.log").toFile()).start();
    await(p, work);
    String dom = Files.readString(out);
    Matcher m = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
    if (!m.find()) throw new IOException("chromium (exit " + p.exitValue() + ") did not run the page's load handler; dom starts: "
        + dom.substring(0, Math.min(300, dom.length())) + "; log: " + Files.readString(work.resolve("chromium.log")).lines().limit(5).toList());
    return new Loaded(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), dom);
  }
}
