package org.invariance.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.invariance.config.InvalidConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The cluster key: made by keytool, opened with its password, every problem one line naming the file. */
class ClusterKeyTest {
  static final char[] PASSWORD = "correct horse".toCharArray();
  @TempDir Path dir;

  @Test
  void aNewKeyOpensAndNamesItsCluster() throws Exception {
    Path file = dir.resolve("keys/cluster.p12");
    ClusterKey made = ClusterKey.create(file, PASSWORD);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "readable by its owner only");
    try (var left = Files.list(file.getParent())) {
      assertEquals(1, left.count(), "no temporary file left beside it");
    }
    ClusterKey again = ClusterKey.load(file, PASSWORD);
    assertEquals(made.clusterName(), again.clusterName(), "the same file, the same cluster");
    assertEquals(made.fingerprint(), again.fingerprint());
    assertTrue(again.clusterName().matches("invariance-[0-9a-f]{32}"), again.clusterName());
    assertTrue(again.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), again.fingerprint());
    ClusterKey other = ClusterKey.create(dir.resolve("other.p12"), PASSWORD);
    assertNotEquals(made.clusterName(), other.clusterName(), "another key, another cluster");
    assertNotEquals(made.fingerprint(), other.fingerprint());
  }

  @Test
  void everyProblemIsOneLineNamingTheFile() throws Exception {
    Path file = dir.resolve("cluster.p12");
    ClusterKey.create(file, PASSWORD);
    assertEquals(file + " already exists: remove it first, or choose another file (a new key locks out every member holding the old one)",
        fails(() -> ClusterKey.create(file, PASSWORD)));
    assertEquals(file + " does not open with the password in INVARIANCE_CLUSTER_KEY_PASSWORD (wrong password)",
        fails(() -> ClusterKey.load(file, "wrong horse".toCharArray())));
    Path missing = dir.resolve("none.p12");
    assertEquals(missing + " does not exist; make a key with 'invariance cluster-key " + missing + "' and copy it to every member",
        fails(() -> ClusterKey.load(missing, PASSWORD)));
    Path text = Files.writeString(dir.resolve("text.p12"), "not a keystore\n");
    assertTrue(fails(() -> ClusterKey.load(text, PASSWORD)).startsWith(text + " is not a PKCS#12 keystore ("), fails(() -> ClusterKey.load(text, PASSWORD)));
    assertEquals("cannot read " + dir + " (Is a directory)", fails(() -> ClusterKey.load(dir, PASSWORD)));
    assertEquals("the password in INVARIANCE_CLUSTER_KEY_PASSWORD is 5 characters; keytool needs at least 6",
        fails(() -> ClusterKey.create(dir.resolve("short.p12"), "short".toCharArray())));
    assertTrue(fails(() -> ClusterKey.of(null)).startsWith("a cluster member needs the cluster's key: make one with 'invariance cluster-key FILE'"));
    for (String m : new String[] {fails(() -> ClusterKey.load(file, "wrong horse".toCharArray())), fails(() -> ClusterKey.of(null))}) {
      assertEquals(1, m.lines().count(), m);
    }
  }

  private static String fails(Executable e) {
    InvalidConfig x = assertThrows(InvalidConfig.class, e);
    assertEquals("cluster.key", x.field());
    return x.getMessage();
  }
}
