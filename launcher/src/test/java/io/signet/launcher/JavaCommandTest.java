package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void extraOptionsComeAfterTheDefaultsSoTheyWinAndBeforeWhatIsRun() {
        List<String> command =
                JavaCommand.forPart("notifier", List.of("--port", "1"), "  -Xmx1g\t-XX:TieredStopAtLevel=1 ");

        int defaultHeap = command.indexOf("-Xmx512m");
        int ownHeap = command.indexOf("-Xmx1g");
        assertThat(defaultHeap).isNotNegative();
        assertThat(ownHeap).isGreaterThan(defaultHeap);
        assertThat(command.get(ownHeap + 1)).isEqualTo("-XX:TieredStopAtLevel=1");
        assertThat(command.indexOf("part")).isGreaterThan(ownHeap + 1);
        assertThat(command.subList(command.size() - 4, command.size()))
                .containsExactly("part", "notifier", "--port", "1");
        assertThat(command).doesNotContain("");
    }

    @Test
    void withoutExtraOptionsOnlyTheDefaults() {
        for (String none : new String[] {null, " "}) {
            List<String> command = JavaCommand.forPart("audit", List.of(), none);

            assertThat(command)
                    .contains("-Xmx512m", "-XX:+UseSerialGC")
                    .doesNotContain("-XX:TieredStopAtLevel=1", "", " ");
        }
    }
}
