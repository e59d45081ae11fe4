package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TtyTest {
    @Test
    void terminalDevicesBecomeSafeFileSuffixes() {
        assertThat(Tty.fromDevicePath("/dev/pts/3")).contains("pts-3");
        assertThat(Tty.fromDevicePath("/dev/ttys003")).contains("ttys003");
        assertThat(Tty.fromDevicePath("/dev/tty1")).contains("tty1");
    }

    @Test
    void pipesFilesAndDevNullAreNotTerminals() {
        assertThat(Tty.fromDevicePath("pipe:[12345]")).isEmpty();
        assertThat(Tty.fromDevicePath("/dev/null")).isEmpty();
        assertThat(Tty.fromDevicePath("/home/me/input.txt")).isEmpty();
    }
}
