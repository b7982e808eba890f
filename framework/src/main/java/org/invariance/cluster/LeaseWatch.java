package org.invariance.cluster;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Context;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends leases whose worker is gone: one that left the cluster (Hazelcast says so) or went silent
 * (its beat in the shared map stopped moving for the lease time). Both run on the coordinator's
 * context, so they touch the {@link Schedule} as its handlers do: a timer reads the beats without
 * waiting for the map, and Hazelcast's listener hops onto the context.
 */
final class LeaseWatch {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  /** How often leases are read from the shared map and lapsed ones offered again. */
  static final long CHECK_MS = 250;

  private final Context context;
  private final Cluster cluster;
  private final Schedule schedule;
  private final Units shared;
  /** Each unit a lapse or a departure put back on offer. */
  private final Consumer<Tracked> reoffered;
  /** Units whose lease is being read from the shared map: not read again until that answers. */
  private final Set<String> reading = new HashSet<>();
  private UUID listener;
  private long timer = -1;

  LeaseWatch(Context context, Cluster cluster, Schedule schedule, Units shared, Consumer<Tracked> reoffered) {
    this.context = context;
    this.cluster = cluster;
    this.schedule = schedule;
    this.shared = shared;
    this.reoffered = reoffered;
  }

  void start() {
    // Hazelcast calls its listeners on its own threads: hop onto the coordinator's context
    listener = cluster.addMembershipListener(new MembershipListener() {
      @Override public void memberAdded(MembershipEvent e) {
        LOG.info("cluster member {} joined", e.getMember().getAddress());
      }

      @Override public void memberRemoved(MembershipEvent e) {
        context.runOnContext(v -> schedule.left(e.getMember().getUuid().toString()).forEach(reoffered));
      }
    });
    timer = context.owner().setPeriodic(CHECK_MS, id -> check());
  }

  void stop() {
    if (listener != null) cluster.removeMembershipListener(listener);
    if (timer >= 0) context.owner().cancelTimer(timer);
  }

  /** Reads each lease's beat (its worker raises it in the shared map) and offers lapsed leases again. */
  private void check() {
    for (Tracked e : schedule.entries()) {
      String id = e.unit().id();
      if (e.state() != Tracked.State.LEASED || !reading.add(id)) continue;
      shared.get(id).onComplete(r -> {
        reading.remove(id);
        if (r.succeeded() && r.result() != null) schedule.renew(id, r.result().getString("node", ""), r.result().getLong("beat", 0L));
      });
    }
    schedule.expire().forEach(reoffered);
  }
}
