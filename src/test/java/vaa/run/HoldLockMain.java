package vaa.run;

import java.nio.file.Path;

/** Child-JVM helper: takes the run lock, says so, and holds it until killed. */
public final class HoldLockMain {
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), "held")) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
