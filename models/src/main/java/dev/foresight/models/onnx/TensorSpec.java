package dev.foresight.models.onnx;

import java.util.Arrays;

/**
 * A model input or output as ONNX Runtime reports it.
 *
 * @param name        the value's name
 * @param elementType element type as ONNX Runtime names it, e.g. {@code FLOAT}
 * @param shape       dimensions; -1 where the dimension is symbolic or unknown
 * @param dimNames    symbolic dimension names ("" for fixed ones)
 */
public record TensorSpec(String name, String elementType, long[] shape, String[] dimNames) {

  public TensorSpec {
    shape = shape.clone();
    dimNames = dimNames.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Rank (number of dimensions). */
  public int rank() {
    return shape.length;
  }

  /** Dimension {@code i}, -1 when symbolic. */
  public long dim(int i) {
    return shape[i];
  }

  /** The shape as people read it, e.g. {@code [N, 2]}. */
  public String shapeText() {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) s.append(", ");
      s.append(shape[i] >= 0 ? String.valueOf(shape[i]) : (dimNames.length > i && !dimNames[i].isEmpty() ? dimNames[i] : "?"));
    }
    return s.append(']').toString();
  }

  @Override
  public String toString() {
    return name + " " + elementType.toLowerCase(java.util.Locale.ROOT) + shapeText();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t && t.name.equals(name) && t.elementType.equals(elementType)
        && Arrays.equals(t.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
