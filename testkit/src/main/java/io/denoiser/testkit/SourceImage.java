package io.denoiser.testkit;

import io.denoiser.model.image.GrayImage;

/** A clean image to publish, with the id it goes out under (the record key). */
public record SourceImage(String id, GrayImage image) {}
