package dev.foresight.config.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTypesTest {

  /** A device that depends on others, for the ordering rule alone. */
  record Part(String name, List<String> dependsOn) implements DeviceConfig {
    @Override
    public Boolean required() {
      return true;
    }
  }

  private static List<String> order(Part... parts) {
    return DeviceConfig.inDependencyOrder(List.of(parts)).stream().map(DeviceConfig::name).toList();
  }

  @Test
  void theBuiltInTypesAreFoundInTheirServicesFileOrder() {
    assertThat(DeviceTypes.ids()).containsExactly("as5600", "mpu6050", "pca9685", "hbridge", "quadrature_encoder",
        "ina219", "ads1115", "gpio_input");
    assertThat(DeviceTypes.all()).allSatisfy(type ->
        assertThat(type.config().getAnnotation(JsonTypeName.class).value()).isEqualTo(type.id()));
  }

  @Test
  void aRecordWithoutATypeIsNamed() {
    assertThatThrownBy(() -> DeviceTypes.of(new Part("x", List.of())))
        .hasMessage(Part.class.getName() + " has no DeviceType on the class path");
  }

  @Test
  void devicesComeAfterTheOnesTheyDependOnAndOtherwiseInConfigOrder() {
    assertThat(order(new Part("motor", List.of("pwm")), new Part("pivot", List.of()), new Part("pwm", List.of())))
        .containsExactly("pivot", "pwm", "motor");
    assertThat(order(new Part("c", List.of("b")), new Part("b", List.of("a")), new Part("a", List.of())))
        .containsExactly("a", "b", "c");
  }

  @Test
  void aDeviceDependingOnOneNotDeclaredComesLast() {
    assertThat(order(new Part("motor", List.of("nowhere")), new Part("pivot", List.of())))
        .containsExactly("pivot", "motor");
  }
}
