package org.invariance.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.invariance.config.InvalidConfig;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared secret: a PKCS#12 keystore holding one private key and its self-signed
 * certificate, made by the JDK's own {@code keytool} ({@link #create}) and protected by a password
 * (from {@value #PASSWORD_ENV}). Every member holds the same file. It gives:
 *
 * <ul>
 *   <li>the event bus's TLS (1.3): each member presents the certificate and requires the other side
 *       to present it too ({@code ClientAuth.REQUIRED}), trusting that one certificate only, so a
 *       JVM without the key can neither send a message (ask for work, report files) nor receive one;
 *   <li>Hazelcast's cluster name, an HMAC-SHA256 keyed with the private key: a member with another
 *       key (or none) is refused at the join. Hazelcast (open source) sends that name, and its maps,
 *       unencrypted: the name keeps out members with the wrong key, not an eavesdropper.
 * </ul>
 *
 * No cryptography of our own: the JDK makes the key and checks the file, Vert.x (the JDK's TLS)
 * runs the bus.
 */
public final class ClusterKey {
  /** The environment variable holding the key file's password (never a command-line option or a YAML key: those end up in logs and provenance). */
  public static final String PASSWORD_ENV = "INVARIANCE_CLUSTER_KEY_PASSWORD";
  static final String ALIAS = "invariance-cluster";
  /** keytool's own minimum for a PKCS#12 password. */
  static final int MIN_PASSWORD = 6;

  private final Path file;
  private final byte[] bytes;
  private final String password;
  private final String alias;
  private final X509Certificate certificate;
  private final String clusterName;
  private final String fingerprint;

  private ClusterKey(Path file, byte[] bytes, String password, String alias, X509Certificate certificate, String clusterName, String fingerprint) {
    this.file = file;
    this.bytes = bytes;
    this.password = password;
    this.alias = alias;
    this.certificate = certificate;
    this.clusterName = clusterName;
    this.fingerprint = fingerprint;
  }

  /**
   * A JVM that embeds the framework (a test running a coordinator in its own JVM) may set the
   * password as this system property instead; never on a command line, where {@code ps} shows it.
   */
  public static final String PASSWORD_PROPERTY = "invariance.cluster.key.password";

  /** The password from {@value #PASSWORD_ENV} (else {@value #PASSWORD_PROPERTY}), or a one-line complaint naming the key file and the variable. */
  public static char[] password(Path file) {
    String p = System.getenv(PASSWORD_ENV);
    if (p == null || p.isEmpty()) p = System.getProperty(PASSWORD_PROPERTY);
    if (p == null || p.isEmpty()) {
      throw new InvalidConfig("cluster.key", file + " is opened with the password in " + PASSWORD_ENV + ", which is not set; set it (the same on every member)");
    }
    return p.toCharArray();
  }

  /** The key a member was given ({@code --cluster-key} or {@code cluster.key}), opened with the password from the environment. */
  public static ClusterKey of(String file) {
    if (file == null || file.isBlank()) {
      throw new InvalidConfig("cluster.key", "a cluster member needs the cluster's key: make one with 'invariance cluster-key FILE' (password in " + PASSWORD_ENV
          + "), copy FILE to every member and give each --cluster-key FILE (or cluster.key)");
    }
    Path p = Path.of(file);
    return load(p, password(p));
  }

  /**
   * Makes a new key in {@code file} with {@code keytool} of the running JDK: an EC (P-256) key pair
   * and a self-signed certificate, in a PKCS#12 keystore readable by its owner only. An existing
   * file is never replaced (the members holding it would be locked out).
   */
  public static ClusterKey create(Path file, char[] password) throws IOException {
    if (password.length < MIN_PASSWORD) {
      throw new InvalidConfig("cluster.key", "the password in " + PASSWORD_ENV + " is " + password.length + " characters; keytool needs at least " + MIN_PASSWORD);
    }
    if (Files.exists(file)) throw new InvalidConfig("cluster.key", file + " already exists: remove it first, or choose another file (a new key locks out every member holding the old one)");
    Path target = file.toAbsolutePath().normalize();
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new InvalidConfig("cluster.key", "cannot make the folder " + parent + " for the key (" + why(e) + ")");
    }
    Path keytool = Path.of(System.getProperty("java.home"), "bin", System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
    if (!Files.isExecutable(keytool)) throw new IllegalStateException("cannot make a cluster key: the JDK's keytool is not at " + keytool);
    // made in a private folder beside the target, so the key is never readable by others, then renamed into place
    Path work;
    try {
      work = posix(parent) ? Files.createTempDirectory(parent, ".cluster-key-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory(parent, ".cluster-key-");
    } catch (IOException e) {
      throw new InvalidConfig("cluster.key", "cannot write in " + parent + " (" + why(e) + ")");
    }
    Path made = work.resolve("key.p12");
    try {
      ProcessBuilder pb = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
          "-dname", "CN=invariance cluster", "-validity", "36500", "-storetype", "PKCS12", "-keystore", made.toString(), "-storepass:env", "INVARIANCE_KEYTOOL_PASSWORD")
          .redirectErrorStream(true);
      pb.environment().put("INVARIANCE_KEYTOOL_PASSWORD", new String(password));
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish in 60 s");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(made)) throw new IOException("keytool failed (exit " + p.exitValue() + "): " + out.lines().reduce((a, b) -> b).orElse(""));
      if (posix(parent)) Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
      try {
        Files.move(made, target); // never over an existing file
      } catch (FileAlreadyExistsException e) {
        throw new InvalidConfig("cluster.key", file + " already exists: remove it first, or choose another file");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool made the key", e);
    } finally {
      Files.deleteIfExists(made);
      Files.deleteIfExists(work);
    }
    return load(file, password);
  }

  /** Opens a key file; every problem is one line naming the file and what to do. */
  public static ClusterKey load(Path file, char[] password) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConfig("cluster.key", file + " does not exist; make a key with 'invariance cluster-key " + file + "' and copy it to every member");
    } catch (AccessDeniedException e) {
      throw new InvalidConfig("cluster.key", "cannot read " + file + ": permission denied (it should be readable by the user running this member only)");
    } catch (IOException e) {
      throw new InvalidConfig("cluster.key", "cannot read " + file + " (" + why(e) + ")");
    }
    KeyStore ks;
    try {
      ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), password);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new InvalidConfig("cluster.key", file + " does not open with the password in " + PASSWORD_ENV + " (wrong password)");
      }
      throw new InvalidConfig("cluster.key", file + " is not a PKCS#12 keystore (" + why(e) + "); make a key with 'invariance cluster-key FILE'");
    } catch (GeneralSecurityException e) {
      throw new InvalidConfig("cluster.key", file + " cannot be read as a PKCS#12 keystore (" + why(e) + ")");
    }
    try {
      List<String> keys = new ArrayList<>();
      for (String a : Collections.list(ks.aliases())) if (ks.isKeyEntry(a)) keys.add(a);
      if (keys.size() != 1) throw new InvalidConfig("cluster.key", file + " holds " + keys.size() + " private keys; a cluster key holds one (make one with 'invariance cluster-key FILE')");
      String alias = keys.get(0);
      if (!(ks.getKey(alias, password) instanceof PrivateKey key) || !(ks.getCertificate(alias) instanceof X509Certificate cert)) {
        throw new InvalidConfig("cluster.key", file + " holds no private key with an X.509 certificate (make one with 'invariance cluster-key FILE')");
      }
      try {
        cert.checkValidity();
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        throw new InvalidConfig("cluster.key", file + ": its certificate is valid from " + cert.getNotBefore() + " to " + cert.getNotAfter() + ", not now; make a new key");
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      String name = "invariance-" + HexFormat.of().formatHex(mac.doFinal("invariance: the Hazelcast cluster name".getBytes(StandardCharsets.UTF_8))).substring(0, 32);
      String fp = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
      warnIfShared(file);
      return new ClusterKey(file, bytes, new String(password), alias, cert, name, fp);
    } catch (UnrecoverableKeyException e) {
      throw new InvalidConfig("cluster.key", file + ": its key does not open with the password in " + PASSWORD_ENV + " (wrong password)");
    } catch (GeneralSecurityException e) {
      throw new InvalidConfig("cluster.key", file + " cannot be used as a cluster key (" + why(e) + ")");
    }
  }

  /** A key readable by other users of this machine is as good as theirs: said once, not refused (a container's volume may not keep modes). */
  private static void warnIfShared(Path file) {
    try {
      if (!posix(file)) return;
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        LoggerFactory.getLogger(ClusterKey.class).warn("the cluster key {} is readable by other users of this machine ({}): chmod 600 {}", file,
            PosixFilePermissions.toString(perms), file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // nothing to say
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  static String why(Exception e) {
    String m = e.getMessage();
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or folder";
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("");
  }

  public Path file() {
    return file;
  }

  /** Hazelcast's cluster name: derived from the private key, so only members holding it share it. */
  public String clusterName() {
    return clusterName;
  }

  /** The certificate's SHA-256 as keytool prints it (AA:BB:...): compare it across members. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The first 8 bytes of the fingerprint, for log lines. */
  public String shortFingerprint() {
    return fingerprint.substring(0, 23);
  }

  /** The key and certificate this member presents on the bus. */
  PfxOptions keyCertOptions() {
    return new PfxOptions().setValue(Buffer.buffer(bytes)).setPassword(password).setAlias(alias);
  }

  /** The one certificate this member trusts on the bus: its own, which every member shares. */
  PemTrustOptions trustOptions() {
    try {
      String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      return new PemTrustOptions().addCertValue(Buffer.buffer(pem));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
