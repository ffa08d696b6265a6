package dev.foresight.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.Rig;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code link_lost} ladder on the stepped clock (100 Hz), driven through {@link LinkHealth} as
 * the MQTT link drives it; LinkLossTest does the same against a real Mosquitto. The rig's PID asks
 * for 2 V; safe is 0 V.
 */
class LinkLostReactionTest {

  @TempDir Path dir;

  @Test
  @FaultCell(fault = "link_lost", reaction = "warn, hold after 1 s, safe stop after 3 s (default)", ticks = "1 / 101 / 301")
  void aLostConnectionWarnsThenHoldsThenStopsOnTheDefaultLadder() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      LinkHealth link = rig.robot.safety().link();
      link.attached(rig.clock.nanoTime());
      link.connected(rig.clock.nanoTime());
      assertThat(rig.ticks(5).applied[0]).isEqualTo(2.0);
      rig.newEvents();
      link.disconnected("Connection reset");

      assertThat(rig.ticksUntil(() -> rig.robot.safety().reaction() == Response.WARN, 5)).isEqualTo(1);
      assertThat(rig.last().applied[0]).as("warn: the action passes").isEqualTo(2.0);
      Event fault = rig.newEvents().getFirst();
      assertThat(fault.message()).isEqualTo("fault: link lost mqtt (Connection reset) -> warn");
      assertThat(rig.ticksUntil(() -> rig.robot.safety().reaction() == Response.HOLD, 200)).as("ticks to hold")
          .isEqualTo(100);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 300)).as("ticks from hold to the safe stop")
          .isEqualTo(200);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.robot.safety().reason()).isEqualTo("link_lost mqtt");

      // The link returns: the fault recovers, the stop stays latched until reset and arm.
      link.connected(rig.clock.nanoTime());
      rig.ticks(60);
      assertThat(rig.newEventKinds()).contains(EventKind.RECOVERED);
      assertThat(rig.mode()).isEqualTo(Mode.SAFE_STOP);
      assertThat(rig.robot.safety().reset("test")).isTrue();
      assertThat(rig.robot.safety().arm("test")).isTrue();
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "no operator heartbeat within heartbeat_timeout_ms: as a lost connection", ticks = "fault 210 ms after the last heartbeat (timeout 200 ms); safe stop 10 later")
  void aSilentOperatorIsALostLinkEvenWhileTheConnectionIsUp() throws Exception {
    String safety = "  link_loss: {heartbeat_timeout_ms: 200}\n"
        + "  ladder:\n    link_lost: [{reaction: warn}, {reaction: safe_stop, after_ms: 100}]\n";
    try (Rig rig = Rig.of(dir, safety).armed()) {
      LinkHealth link = rig.robot.safety().link();
      link.attached(rig.clock.nanoTime());
      link.connected(rig.clock.nanoTime());
      for (int i = 0; i < 50; i++) {   // a heartbeat every 100 ms keeps it up
        rig.tick();
        if (i % 10 == 0) link.heartbeat(rig.clock.nanoTime());
      }
      assertThat(rig.newEvents()).noneMatch(e -> e.cause() == Cause.LINK_LOST);
      // The last heartbeat came at tick 41 of 50; it is more than 200 ms old from tick 62 on.
      int faultAt = rig.ticksUntil(() -> rig.robot.safety().reaction() == Response.WARN, 100);
      assertThat(faultAt).as("ticks from the 50th to the fault").isEqualTo(12);
      assertThat(rig.newEvents()).filteredOn(e -> e.kind() == EventKind.FAULT).singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo(
              "fault: link lost mqtt = 210.0 (limit 200.0) (no operator heartbeat) -> warn"));
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 20)).isEqualTo(10);
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "none while disarmed; a link lost long enough to stop blocks arming", ticks = "-")
  void aRobotWhoseLinkIsDownCannotBeArmedOnceItsLadderSaysStop() throws Exception {
    try (Rig rig = Rig.of(dir, "")) {
      rig.robot.safety().link().attached(rig.clock.nanoTime());
      rig.ticks(2);
      assertThat(rig.robot.safety().arm("test")).as("not connected for 20 ms: warn only").isTrue();
      rig.robot.safety().disarm("test");
      rig.ticks(300);
      assertThat(rig.mode()).isEqualTo(Mode.DISARMED);
      assertThat(rig.robot.safety().arm("test")).isFalse();
      assertThat(rig.robot.safety().lastRefusal()).isEqualTo("arm: link_lost mqtt needs a safe stop; fix it first");
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "none without a link, or with link_loss.ignore", ticks = "-")
  void aRobotWithoutALinkOrIgnoringItHasNoLinkFault() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(400);
      assertThat(rig.mode()).as("no link attached").isEqualTo(Mode.ARMED);
    }
    try (Rig rig = Rig.of(dir, "  link_loss: {ignore: true}\n").armed()) {
      rig.robot.safety().link().attached(rig.clock.nanoTime());
      rig.ticks(400);
      assertThat(rig.mode()).as("ignored").isEqualTo(Mode.ARMED);
      assertThat(rig.newEvents()).noneMatch(e -> e.cause() == Cause.LINK_LOST);
    }
  }
}
