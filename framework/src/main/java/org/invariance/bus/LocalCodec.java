package org.invariance.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an object by reference between verticles of one JVM: heavy arrays are never copied or
 * turned into JSON. Such a message cannot leave the JVM; across JVMs, arrays travel by content
 * hash through a store and only the reference crosses the bus.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  /** The codec's name for any object (a plugin's model): requests and replies of a run name it. */
  public static final String ANY = "invariance-local";
  private final Class<T> type;
  private final String name;

  public LocalCodec(Class<T> type) {
    this(type, "local:" + type.getName());
  }

  public LocalCodec(Class<T> type, String name) {
    this.type = type;
    this.name = name;
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new IllegalStateException(type.getName() + " is local to its JVM and has no wire form; send a reference instead");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException(type.getName() + " is local to its JVM and has no wire form");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
