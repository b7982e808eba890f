package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LendingCacheTest {
  /** A value of a given size whose freeing is recorded. */
  record Block(String name, long bytes) {}

  final List<String> freed = new ArrayList<>();
  // budget 100 bytes; blocks of 60: one fits, two do not
  final LendingCache<String, Block> cache = new LendingCache<>(100, Block::bytes, b -> freed.add(b.name()));
  int computed;

  Future<Block> lend(String key) {
    return cache.lend(key, k -> {
      computed++;
      return Future.succeededFuture(new Block(k, 60));
    });
  }

  @Test
  void aValueIsComputedOnceAndSharedByEveryLease() {
    Block a = lend("a").result();
    assertSame(a, lend("a").result());
    assertEquals(1, computed);
  }

  @Test
  void whatIsHeldIsNeverFreedEvenOverTheBudget() {
    lend("a");
    lend("b");
    assertEquals(List.of(), freed, "120 bytes over a 100-byte budget, but both are lent");
    assertEquals(2, cache.size());
  }

  @Test
  void givenBackOverTheBudgetTheLeastRecentlyUsedIsFreedAtOnce() {
    lend("a");
    lend("b");
    cache.giveBack("a");
    assertEquals(List.of("a"), freed, "a is nobody's and 120 > 100: freed");
    cache.giveBack("b");
    assertEquals(List.of("a"), freed, "b alone fits the budget: kept for the next probe");
    lend("b");
    assertEquals(2, computed, "kept b is lent again without recomputing");
  }

  @Test
  void aValueLentTwiceStaysUntilBothLeasesAreBack() {
    lend("a");
    lend("a");
    lend("b");
    cache.giveBack("a");
    assertEquals(List.of(), freed, "a still has a lease");
    cache.giveBack("a");
    assertEquals(List.of("a"), freed);
  }

  @Test
  void aValueStillBeingComputedIsNotFreed() {
    Promise<Block> pending = Promise.promise();
    cache.lend("slow", k -> pending.future());
    lend("b");
    cache.giveBack("slow");
    lend("c");
    cache.giveBack("c");
    assertEquals(List.of("c"), freed, "over budget: the finished, unheld c goes; slow is not done yet");
    pending.complete(new Block("slow", 60));
    assertEquals(List.of("c", "slow"), freed, "once done and unheld, over budget beside the lent b: freed");
  }
}
