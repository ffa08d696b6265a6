package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.AssemblyException;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

  @Test
  void aCommaListNamesTheNodesOfAClusterInOrder() throws AssemblyException {
    assertThat(LinkSettings.serverUri("mqtt://a:1883, tcp://b:1884,mqtt://c"))
        .isEqualTo("tcp://a:1883,tcp://b:1884,tcp://c:1883");
    assertThat(LinkSettings.serverUri("mqtts://a,ssl://b:9883")).isEqualTo("ssl://a:8883,ssl://b:9883");
  }

  @Test
  void aListMixingPlainAndTlsNodesIsRefusedWithTheFix() {
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://a:1883,mqtts://b:8883"))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("telemetry.broker: 'tcp://a:1883,mqtts://b:8883' mixes plain and TLS nodes; make every node "
            + "tcp:// (mqtt://) or every node ssl:// (mqtts://)");
  }

  @Test
  void anEmptyEntryInAListIsNamed() {
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://a:1883,"))
        .isInstanceOf(AssemblyException.class)
        .hasMessageContaining("telemetry.broker: '' ");
  }
}
