package dev.foresight.config.device;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads an I2C address written either as an integer or in hex ({@code 0x36}), the way datasheets
 * and {@code i2cdetect} print them. The YAML 1.2 reader sees {@code 0x36} as a string, so this
 * accepts both forms.
 */
public final class I2cAddressDeserializer extends ValueDeserializer<Integer> {

  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
    String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getString().trim() : p.getString();
    if (text != null && text.matches("0[xX][0-9a-fA-F]{1,4}")) return Integer.parseInt(text.substring(2), 16);
    throw InvalidFormatException.from(p, "not an I2C address", text, Integer.class);
  }
}
