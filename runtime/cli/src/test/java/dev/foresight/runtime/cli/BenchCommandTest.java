package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchCommandTest {

  @Test
  void benchLoopReportsTimingAllocationAndTheJvmAsJson() {
    Result r = CliRun.run("bench", "loop", "--rate", "200", "--duration", "1s", "--warmup", "300ms",
        "--realtime-priority", "0", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("rate_hz").asInt()).isEqualTo(200);
    assertThat(json.get("ticks").asLong()).as("about 200 ticks in 1 s").isBetween(150L, 220L);
    for (String p : new String[] {"p50", "p99", "p999", "max"}) {
      assertThat(json.get("period_error_us").get(p).isNumber()).as(p).isTrue();
    }
    assertThat(json.get("overruns").isIntegralNumber()).isTrue();
    assertThat(json.get("alloc_bytes_per_tick").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(json.get("scheduling").asString()).isEqualTo("normal");
    assertThat(json.get("mode_at_end").asString()).isEqualTo("armed");
    assertThat(json.get("jvm").get("gc").asString()).isNotEmpty();
    assertThat(json.get("phase_us").propertyNames()).containsExactly("sense", "estimate", "plan", "safety", "act",
        "predict", "publish", "record");
  }

  @Test
  void benchLoopRunsTheAsyncPlannerAndPrintsAReadableSummary() {
    Result r = CliRun.run("bench", "loop", "--rate", "100", "--duration", "1s", "--warmup", "200ms",
        "--realtime-priority", "0", "--planner", "async");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("bench loop: 100 Hz", "planner async", "period error (us): p50")
        .contains("phases (us, p50 / p99 / max):", "JVM ");
  }

  @Test
  void badBenchOptionsAreOneLineErrors() {
    Result rate = CliRun.run("bench", "loop", "--rate", "5000");
    assertThat(rate.code()).isEqualTo(2);
    assertThat(rate.err()).isEqualTo("foresight: --rate: 5000 Hz is out of range (10..1000)\n");
    Result planner = CliRun.run("bench", "loop", "--planner", "mppi");
    assertThat(planner.code()).isEqualTo(2);
    assertThat(planner.err()).isEqualTo("foresight: --planner: 'mppi' is not none, inline or async\n");
  }

  @Test
  void benchLinkRefusesRatesAndPrioritiesOutOfRange() {
    Result fast = CliRun.run("bench", "link", "--loop-hz", "100", "--telemetry-hz", "200");
    assertThat(fast.code()).isEqualTo(2);
    assertThat(fast.err()).contains("--telemetry-hz: 200 must be between 1 and the loop rate 100").doesNotContain("Exception");
    Result priority = CliRun.run("bench", "link", "--realtime-priority", "99");
    assertThat(priority.code()).isEqualTo(2);
    assertThat(priority.err()).contains("--realtime-priority: 99 is out of range (1..98, or 0 for normal scheduling)");
  }
}
