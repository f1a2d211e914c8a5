package io.denoiser.model.onnx;

import io.denoiser.model.network.DenoisingAutoencoder;
import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.CnnLossLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.convolution.upsampling.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the trained DL4J network as an ONNX graph (opset 13), so that it can be served by ONNX
 * Runtime here or anywhere else. The graph mirrors the network layer by layer: Conv (3x3, pads 1) with
 * its activation, MaxPool 2x2, Resize (nearest, x2). Input {@code input} and output {@code output} are
 * NCHW float tensors {@code [N, 1, H, W]} with N, H and W free (H and W multiples of 4).
 *
 * <p>The ONNX protobuf classes come with nd4j-api; no further dependency is needed.
 */
public final class OnnxExport {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    static final int OPSET = 13;

    private OnnxExport() {}

    public static byte[] toOnnx(MultiLayerNetwork network, String modelVersion) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName(DenoisingAutoencoder.ARCHITECTURE);
        graph.addInput(imageTensor(INPUT));
        String current = INPUT;
        int index = 0;
        for (Layer layer : network.getLayers()) {
            String name = "layer" + index++;
            if (layer instanceof ConvolutionLayer conv) {
                current = convolution(graph, conv, name, current);
            } else if (layer instanceof SubsamplingLayer) {
                current = node(
                        graph,
                        "MaxPool",
                        name,
                        List.of(current),
                        List.of(ints("kernel_shape", 2, 2), ints("strides", 2, 2)));
            } else if (layer instanceof Upsampling2D) {
                graph.addInitializer(floats(name + ".scales", new long[] {4}, new float[] {1, 1, 2, 2}));
                current = node(
                        graph,
                        "Resize",
                        name,
                        List.of(current, "", name + ".scales"),
                        List.of(
                                string("mode", "nearest"),
                                string("coordinate_transformation_mode", "asymmetric"),
                                string("nearest_mode", "floor")));
            } else if (!(layer instanceof CnnLossLayer)) {
                throw new IllegalArgumentException("cannot export layer " + index + " of type "
                        + layer.getClass().getSimpleName() + " to ONNX");
            }
        }
        graph.addNode(NodeProto.newBuilder()
                .setOpType("Identity")
                .setName("output")
                .addInput(current)
                .addOutput(OUTPUT));
        graph.addOutput(imageTensor(OUTPUT));
        return ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("denoiser")
                .setModelVersion(1)
                .setDocString(modelVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static String convolution(GraphProto.Builder graph, ConvolutionLayer conv, String name, String input) {
        INDArray weights = conv.getParam("W").castTo(DataType.FLOAT).dup('c');
        INDArray bias = conv.getParam("b").castTo(DataType.FLOAT).dup('c');
        graph.addInitializer(floats(name + ".W", weights.shape(), weights.data().asFloat()));
        graph.addInitializer(
                floats(name + ".b", new long[] {bias.length()}, bias.data().asFloat()));
        String convolved = node(
                graph,
                "Conv",
                name,
                List.of(input, name + ".W", name + ".b"),
                List.of(
                        ints("kernel_shape", (int) weights.size(2), (int) weights.size(3)),
                        ints("pads", 1, 1, 1, 1),
                        ints("strides", 1, 1)));
        var activation = conv.layerConf().getActivationFn();
        if (activation instanceof ActivationReLU) {
            return node(graph, "Relu", name + ".relu", List.of(convolved), List.of());
        }
        if (activation instanceof ActivationSigmoid) {
            return node(graph, "Sigmoid", name + ".sigmoid", List.of(convolved), List.of());
        }
        throw new IllegalArgumentException("cannot export activation " + activation + " of " + name + " to ONNX");
    }

    private static String node(
            GraphProto.Builder graph, String op, String name, List<String> inputs, List<AttributeProto> attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(name + ".out");
        attributes.forEach(node::addAttribute);
        graph.addNode(node);
        return name + ".out";
    }

    private static ValueInfoProto imageTensor(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }

    private static TensorProto floats(String name, long[] shape, float[] values) {
        TensorProto.Builder tensor =
                TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    private static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder attribute =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8(value))
                .build();
    }
}
