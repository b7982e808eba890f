package org.invariance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.invariance.cluster.ClusterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code invariance cluster-key FILE}: makes the cluster's shared key (a PKCS#12 keystore with a
 * fresh EC key and self-signed certificate, by the JDK's keytool), protected by the password in
 * INVARIANCE_CLUSTER_KEY_PASSWORD. Every member of a cluster is given the same file.
 */
@Command(name = "cluster-key", mixinStandardHelpOptions = true,
    description = {"Make a cluster's key: a PKCS#12 file with a new key and certificate, protected by the password in $INVARIANCE_CLUSTER_KEY_PASSWORD.",
        "Copy it to every member (readable by its user only) and start each with --cluster-key FILE and the same password."})
final class ClusterKeyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the key file to write (never replaced)")
  Path file;

  @Option(names = "--if-absent", description = "keep FILE if it exists and opens with the password (for scripts and compose); make it otherwise")
  boolean ifAbsent;

  @Override
  public Integer call() throws Exception {
    char[] password = ClusterKey.password(file);
    ClusterKey key;
    if (ifAbsent && Files.exists(file)) {
      key = ClusterKey.load(file, password);
      System.out.println(file + ": kept the existing cluster key (certificate SHA-256 " + key.fingerprint() + ")");
    } else {
      key = ClusterKey.create(file, password);
      System.out.println(file + ": a new cluster key (certificate SHA-256 " + key.fingerprint() + "); copy it to every member and start each with --cluster-key "
          + file.getFileName() + " and the same " + ClusterKey.PASSWORD_ENV);
    }
    return 0;
  }
}
