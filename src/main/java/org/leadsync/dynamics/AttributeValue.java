package org.leadsync.dynamics;

import java.math.BigDecimal;
import org.leadsync.port.DynamicsAttribute;

/** Turns a normalised sync value (a string, sync/FieldValue) into the JSON type a Dynamics attribute takes. */
public final class AttributeValue {

    private AttributeValue() {
    }

    public static Object typed(DynamicsAttribute attribute, String value) {
        if (value == null || attribute == null) {
            return value;
        }
        try {
            return switch (attribute.attributeType()) {
                case "Integer", "BigInt" -> new BigDecimal(value).longValueExact();
                case "Double", "Decimal", "Money" -> new BigDecimal(value);
                case "Boolean" -> Boolean.valueOf(value);
                default -> value;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return value; // left as text: the validator or Dynamics names the attribute (R17)
        }
    }
}
