package org.invariance.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Every random choice derives its seed from the experiment's one seed and a purpose string
 * ("init", "mix/test", "AER/batches"), so runs are reproducible on one JVM or many and adding a
 * new random choice does not shift the others.
 */
public final class Seeds {
  private Seeds() {}

  public static long derive(long seed, String purpose) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(ByteBuffer.allocate(8).putLong(seed).array());
      md.update(purpose.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(md.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
