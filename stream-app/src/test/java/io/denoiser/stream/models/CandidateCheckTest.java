package io.denoiser.stream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.fixtures.ModelVersions;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.inference.ServingModel;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A candidate serves only after its checksums, shapes, runtime agreement and probe-set quality have been checked. */
class CandidateCheckTest {

    private static final double MARGIN_DB = 0.5;

    @TempDir
    static Path folder;

    private static CandidateCheck check;
    private static ServingModel shipped;
    private static double shippedPsnr;
    private static ProbeSet probes;

    @BeforeAll
    static void scoreTheShippedModel() {
        probes = ProbeSet.shipped(ProbeSet.DEFAULT_SIZE);
        check = new CandidateCheck(probes, MARGIN_DB, ModelRuntime.ONNX, 1);
        shipped = ModelDenoisers.load(ModelVersions.shipped(), ModelRuntime.ONNX, 1);
        shippedPsnr = check.score(shipped);
    }

    @AfterAll
    static void closeTheShippedModel() {
        shipped.close();
    }

    @Test
    void shouldScoreTheShippedModelFarAboveTheNoisyImages() {
        assertThat(shippedPsnr).isGreaterThan(probes.noisyPsnr() + 5);
    }

    @Test
    void shouldAcceptAnotherVersionOfAboutTheSameQuality() {
        Path candidate = ModelVersions.perturbed(folder.resolve("perturbed"), 1e-3, 7);

        CandidateCheck.Verified verified = check.verify(new Candidate(candidate, "test", false), shippedPsnr);

        try (ServingModel model = check.serve(verified)) {
            assertThat(model.version()).isNotEqualTo(shipped.version());
            assertThat(verified.probePsnr()).isCloseTo(shippedPsnr, org.assertj.core.data.Offset.offset(MARGIN_DB));
        }
    }

    @Test
    void shouldRefuseACorruptZip() {
        assertRefused(ModelVersions::corruptZip, "corrupt", "model.zip is not a readable DL4J network");
    }

    @Test
    void shouldRefuseAChecksumMismatch() {
        assertRefused(ModelVersions::checksumMismatch, "mismatch", "checksum mismatch for model.onnx");
    }

    @Test
    void shouldRefuseAWrongInputShape() {
        assertRefused(ModelVersions::wrongShape, "shape", "wrong shape");
    }

    @Test
    void shouldRefuseABarelyTrainedModelAtTheQualityGate() {
        assertRefused(ModelVersions::barelyTrained, "barely", "quality gate");
    }

    @Test
    void shouldRefuseAModelWithZeroedWeightsAtTheQualityGate() {
        assertRefused(ModelVersions::zeroed, "zeroed", "quality gate");
    }

    @Test
    void shouldLetAForcedCandidatePastTheQualityGateButNotPastItsChecksums() {
        Path barely = ModelVersions.barelyTrained(folder.resolve("forced-barely"));
        Path mismatch = ModelVersions.checksumMismatch(folder.resolve("forced-mismatch"));

        try (ServingModel model = check.serve(check.verify(new Candidate(barely, "test", true), shippedPsnr))) {
            assertThat(model.version()).isNotEqualTo(shipped.version());
        }
        assertThatThrownBy(() -> check.verify(new Candidate(mismatch, "test", true), shippedPsnr))
                .isInstanceOf(CandidateRefusedException.class)
                .hasMessageContaining("checksum mismatch");
    }

    private static void assertRefused(Function<Path, Path> make, String name, String reason) {
        Path candidate = make.apply(folder.resolve(name));

        assertThatThrownBy(() -> check.verify(new Candidate(candidate, "test", false), shippedPsnr))
                .isInstanceOf(CandidateRefusedException.class)
                .hasMessageContaining(reason)
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("\n"));
    }
}
