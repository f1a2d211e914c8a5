package io.denoiser.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's test-kit snippet is the example project's {@code MyPipelineTest}, which the build compiles and
 * runs: a user who copies the snippet gets a test that passes.
 */
class ReadmeSnippetTest {

    private static final Path ROOT = Path.of(System.getProperty("denoiser.root", ".."));

    @Test
    void shouldShowTheExampleProjectsPassingTestVerbatim() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Testing your pipeline"));
        int start = section.indexOf("```java\n") + "```java\n".length();
        String snippet = section.substring(start, section.indexOf("```", start));
        String example = Files.readString(
                ROOT.resolve("examples/pipeline-test/src/test/java/com/example/pipeline/MyPipelineTest.java"));

        assertThat(example).isEqualTo("package com.example.pipeline;\n\n" + snippet);
    }
}
