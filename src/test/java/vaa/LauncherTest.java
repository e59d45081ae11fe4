package vaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./vaa}) picks the JVM ({@code $JAVA_HOME/bin/java}, else java on PATH), reads its
 * version from the installation's {@code release} file, and trains and uses the archive of that JVM's kind: an AOT
 * cache on JDK 25 and later, a dynamic CDS archive before. The JVMs here are shell scripts that record their
 * arguments (and write the archive they are asked to train), so nothing Java runs and nothing leaves the machine.
 */
class LauncherTest {
    @TempDir Path dir;
    private Path home;
    private Path log;

    @BeforeEach
    void installation() throws IOException {
        home = Files.createDirectories(dir.resolve("install"));
        Path launcher = home.resolve("vaa");
        Files.copy(Path.of("vaa"), launcher);
        executable(launcher);
        Path jar = Files.createDirectories(home.resolve("target")).resolve("vaa.jar");
        Files.writeString(jar, "not a jar");
        // older than anything the launcher writes, so an archive is always newer than it
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        log = dir.resolve("java.log");
    }

    @Test
    void jdk25FromJavaHomeTrainsAnAotCacheOnceThenRunsWithIt() throws Exception {
        Path jdk = jdk("jdk-25", "25.0.1", "25.0.1+8-LTS", false);

        Result first = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");

        assertThat(first.code).isZero();
        assertThat(first.calls).hasSize(2);
        List<String> training = first.calls.get(0);
        assertThat(training).first().isEqualTo(jdk.resolve("bin/java").toString());
        assertThat(training).anyMatch(a -> a.matches("-XX:AOTCacheOutput=" + home.resolve("target/vaa.aot") + "\\.\\d+\\.tmp"))
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "vaa.StartupTraining")
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(first.calls.get(1)).contains("-XX:AOTCache=" + home.resolve("target/vaa.aot"), "-jar", "--version")
                // a JVM given -XX:AOTCache refuses every -Xshare option
                .noneMatch(a -> a.startsWith("-Xshare") || a.startsWith("-XX:SharedArchiveFile"));
        assertThat(home.resolve("target/vaa.aot")).hasContent("archive");
        assertThat(home.resolve("target/vaa.aot.jvm")).hasContent("Test 25.0.1+8-LTS");
        assertThat(home.resolve("target/vaa.jsa")).doesNotExist();
        assertThat(Files.list(home.resolve("target")).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".started") || n.endsWith(".config"));

        Result second = launch(Map.of("JAVA_HOME", jdk.toString()), "runs", "list");
        assertThat(second.calls).hasSize(1);
        assertThat(second.calls.get(0)).contains("-XX:AOTCache=" + home.resolve("target/vaa.aot"), "runs", "list");
    }

    @Test
    void jdk17OnPathGetsItsOwnCdsArchiveBesideTheAotCache() throws Exception {
        Path jdk25 = jdk("jdk-25", "25.0.1", "25.0.1+8-LTS", false);
        launch(Map.of("JAVA_HOME", jdk25.toString()), "--help");
        Path jdk17 = jdk("jdk-17", "17.0.15", "17.0.15+6", false);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // as on Debian: the java on PATH is a link into the installation, whose release file says its version
        Files.createSymbolicLink(bin.resolve("java"), jdk17.resolve("bin/java"));

        Result onPath = launch(Map.of("PATH", bin + ":/usr/bin:/bin"), "--help");

        assertThat(onPath.calls).hasSize(2);
        assertThat(onPath.calls.get(0)).first().isEqualTo(bin.resolve("java").toString());
        assertThat(onPath.calls.get(0)).anyMatch(a -> a.matches("-XX:ArchiveClassesAtExit=" + home.resolve("target/vaa.jsa") + "\\.\\d+\\.tmp"))
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(onPath.calls.get(1)).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + home.resolve("target/vaa.jsa"), "--help")
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(home.resolve("target/vaa.jsa.jvm")).hasContent("Test 17.0.15+6");
        assertThat(home.resolve("target/vaa.aot")).hasContent("archive");

        // back to JDK 25: its cache is still there and still its own
        Result back = launch(Map.of("JAVA_HOME", jdk25.toString()), "--help");
        assertThat(back.calls).hasSize(1);
        assertThat(back.calls.get(0)).contains("-XX:AOTCache=" + home.resolve("target/vaa.aot"));
    }

    @Test
    void anArchiveMadeByAnotherBuildOfTheJvmIsRetrainedNotUsed() throws Exception {
        Path jdk = jdk("jdk", "25.0.1", "25.0.1+8-LTS", false);
        launch(Map.of("JAVA_HOME", jdk.toString()), "--help");
        jdk("jdk", "25.0.2", "25.0.2+10-LTS", false); // the same JAVA_HOME, upgraded

        Result upgraded = launch(Map.of("JAVA_HOME", jdk.toString()), "--help");

        assertThat(upgraded.calls).hasSize(2);
        assertThat(upgraded.calls.get(0)).contains("vaa.StartupTraining");
        assertThat(upgraded.calls.get(1)).contains("-XX:AOTCache=" + home.resolve("target/vaa.aot"));
        assertThat(home.resolve("target/vaa.aot.jvm")).hasContent("Test 25.0.2+10-LTS");
    }

    @Test
    void aFailedTrainingIsNotRepeatedAndTheCommandStillRuns() throws Exception {
        Path jdk = jdk("jdk-25", "25", "25+36", true);

        Result first = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");
        Result second = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");

        assertThat(first.code).isZero();
        assertThat(first.calls).hasSize(2);
        assertThat(first.calls.get(1)).contains("--version").noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(second.calls).hasSize(1);
        assertThat(second.calls.get(0)).contains("--version").noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(home.resolve("target/vaa.aot")).doesNotExist();
        assertThat(home.resolve("target/vaa.aot.failed")).hasContent("Test 25+36");
    }

    @Test
    void anUnknownVersionGetsTheCdsArchiveAndABadJavaHomeAClearMessage() throws Exception {
        Path jdk = jdk("jdk", "25.0.1", "25.0.1+8", false);
        Files.delete(jdk.resolve("release"));

        Result unknown = launch(Map.of("JAVA_HOME", jdk.toString()), "--help");
        assertThat(unknown.calls.get(1)).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + home.resolve("target/vaa.jsa"));

        Result bad = launch(Map.of("JAVA_HOME", dir.resolve("nowhere").toString()), "--help");
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.calls).hasSize(0);
        assertThat(bad.stderr).contains("JAVA_HOME is " + dir.resolve("nowhere")).doesNotContain("command not found");
    }

    @Test
    void withoutJavaOnPathOrJavaHomeItSaysWhatToInstall() throws Exception {
        // a PATH with what the launcher needs before it looks for java, and no java
        Path bin = Files.createDirectories(dir.resolve("tools"));
        Files.createSymbolicLink(bin.resolve("bash"), Path.of("/bin/bash"));   // the launcher is #!/usr/bin/env bash
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname"));
        Files.createDirectories(bin.resolve("java"));   // a directory named java is not a program

        Result none = launch(Map.of("PATH", bin.toString()), "--help");

        assertThat(none.code).isEqualTo(1);
        assertThat(none.calls).isEmpty();
        assertThat(none.stderr).contains("no java on PATH; install Java 17 or later, or set JAVA_HOME");
    }

    /** A JDK whose java records its arguments, one per line, and writes the archive it is asked to train. */
    private Path jdk(String name, String version, String runtime, boolean trainingFails) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Path java = jdk.resolve("java");
        Files.writeString(java, String.join("\n",
                "#!/bin/sh",
                "{ echo \"$0\"; for a in \"$@\"; do echo \"$a\"; done; echo '--end--'; } >> '" + log + "'",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:AOTCacheOutput=*|-XX:ArchiveClassesAtExit=*) " + (trainingFails ? "exit 1" : "printf archive > \"${a#*=}\"") + " ;;",
                "  esac",
                "done",
                "exit 0", ""));
        executable(java);
        Files.writeString(dir.resolve(name).resolve("release"), String.join("\n",
                "IMPLEMENTOR=\"Test\"",
                "JAVA_RUNTIME_VERSION=\"" + runtime + "\"",
                "JAVA_VERSION=\"" + version + "\"",
                "OS_NAME=\"Linux\"", ""));
        return dir.resolve(name);
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(home.resolve("vaa").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("VAA_JAVA_OPTS");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<List<String>> calls = new ArrayList<>();
        if (Files.exists(log)) {
            List<String> current = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.equals("--end--")) {
                    calls.add(current);
                    current = new ArrayList<>();
                } else {
                    current.add(line);
                }
            }
        }
        return new Result(p.exitValue(), calls, stderr);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, List<List<String>> calls, String stderr) {}
}
