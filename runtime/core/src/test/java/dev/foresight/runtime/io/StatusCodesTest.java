package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.drivers.Status;
import org.junit.jupiter.api.Test;

class StatusCodesTest {

  /** Drivers write their status codes straight into the loop's status array: the values must agree. */
  @Test
  void driverStatusCodesAreTheRuntimesChannelStatusCodes() {
    assertThat(Status.OK).isEqualTo(ChannelStatus.OK);
    assertThat(Status.NO_RESPONSE).isEqualTo(ChannelStatus.NO_RESPONSE);
    assertThat(Status.INVALID).isEqualTo(ChannelStatus.INVALID);
    assertThat(Status.STALE).isEqualTo(ChannelStatus.STALE);
    for (byte b = 0; b < 4; b++) assertThat(Status.name(b)).isEqualTo(ChannelStatus.name(b));
  }
}
