package io.denoiser.model.network;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The convolutional denoising autoencoder of the classic Keras MNIST example, as a DL4J network:
 *
 * <pre>
 * conv 3x3x32 relu → maxpool 2 → conv 3x3x32 relu → maxpool 2   (28x28 → 7x7x32 bottleneck)
 * conv 3x3x32 relu → upsample 2 → conv 3x3x32 relu → upsample 2 → conv 3x3x1 sigmoid
 * </pre>
 *
 * <p>All convolutions are 'same' padded, so the network is fully convolutional: any input whose
 * sides are multiples of 4 comes back at the same size. Loss is per-pixel binary cross-entropy,
 * weights are Glorot-uniform and biases zero, as in Keras.
 */
public final class DenoisingAutoencoder {

    public static final String ARCHITECTURE = "conv-autoencoder-32x2";
    public static final int FILTERS = 32;
    public static final int INPUT_SIDE = 28;
    /** Input sides must be multiples of this: two 2x2 poolings, then two 2x up-samplings. */
    public static final int SIDE_MULTIPLE = 4;

    private DenoisingAutoencoder() {}

    public static MultiLayerConfiguration configuration(long seed, ISchedule learningRate) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(conv(FILTERS, Activation.RELU))
                .layer(maxPool())
                .layer(conv(FILTERS, Activation.RELU))
                .layer(maxPool())
                .layer(conv(FILTERS, Activation.RELU))
                .layer(new Upsampling2D.Builder(2).build())
                .layer(conv(FILTERS, Activation.RELU))
                .layer(new Upsampling2D.Builder(2).build())
                .layer(conv(1, Activation.SIGMOID))
                .layer(new CnnLossLayer.Builder(LossFunction.XENT)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(INPUT_SIDE, INPUT_SIDE, 1))
                .build();
    }

    /** A freshly initialised network. */
    public static MultiLayerNetwork create(long seed, ISchedule learningRate) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(seed, learningRate));
        network.init();
        return network;
    }

    private static ConvolutionLayer conv(int filters, Activation activation) {
        return new ConvolutionLayer.Builder(3, 3)
                .nOut(filters)
                .stride(1, 1)
                .activation(activation)
                .build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build();
    }
}
