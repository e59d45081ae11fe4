package vaa.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vaa.io.MessageSink;

/**
 * Where calls are drawn from when no {@code --source} is given: the workspace's {@code customer_data/}, else the
 * demo data bundled with the installation, so the README's demo works from an empty directory too.
 */
public final class DefaultSource {
    public static final Path DIR = Path.of("customer_data");

    private DefaultSource() {}

    /**
     * @param home the installation directory (the launcher passes it), empty when unknown
     * @return {@code customer_data} when the workspace has it, else the bundled copy (said in one line), else
     *         {@code customer_data} again, for {@link Sampler#checkInput} to report missing
     */
    public static Path resolve(Path workspace, Optional<Path> home, MessageSink messages) {
        if (Files.isDirectory(workspace.resolve(DIR))) {
            return DIR;
        }
        Optional<Path> bundled = home.map(h -> h.resolve(DIR).toAbsolutePath().normalize()).filter(Files::isDirectory);
        bundled.ifPresent(dir -> messages.info("No " + DIR + "/ here; drawing from the demo data installed with vaa: " + dir));
        return bundled.orElse(DIR);
    }
}
