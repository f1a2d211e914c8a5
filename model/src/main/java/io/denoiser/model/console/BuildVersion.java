package io.denoiser.model.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads a command's version from the {@code version} key of a properties file the build filters. */
public final class BuildVersion {

    private BuildVersion() {}

    /** The version in class-path resource {@code resource}, or {@code unknown} when it cannot be read. */
    public static String of(String resource) {
        try (InputStream in = BuildVersion.class.getResourceAsStream(resource)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
