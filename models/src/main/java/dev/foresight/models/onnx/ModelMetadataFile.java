package dev.foresight.models.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites an ONNX file's {@code metadata_props} without touching its graph or weights (calibration
 * written into a model after its export). The file is replaced atomically: a reader sees the old
 * file or the new one, never half of either.
 *
 * <pre>{@code
 * ModelMetadataFile.update(path, calibration.toMetadata(), "foresight.monitor.");
 * }</pre>
 */
public final class ModelMetadataFile {

  private ModelMetadataFile() {}

  /**
   * Sets {@code entries} in the model's metadata after removing every key that starts with
   * {@code replacePrefix} (so stale keys of a previous calibration do not survive).
   *
   * @return the metadata as written
   * @throws IOException when the file cannot be read, is not an ONNX model, or cannot be replaced
   */
  public static Map<String, String> update(Path file, Map<String, String> entries, String replacePrefix)
      throws IOException {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(Files.readAllBytes(file));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IOException(file + ": not an ONNX model (" + e.getMessage() + ")");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto p : model.getMetadataPropsList()) {
      if (!p.getKey().startsWith(replacePrefix)) metadata.put(p.getKey(), p.getValue());
    }
    metadata.putAll(entries);
    ModelProto.Builder b = model.toBuilder().clearMetadataProps();
    metadata.forEach((k, v) -> b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, b.build().toByteArray());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return metadata;
  }
}
