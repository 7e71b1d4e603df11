package org.leadsync.port;

/**
 * Dynamics refused the values, or our own check (R17) refused them before sending: Dynamics' error
 * code (or our own: `required`, `max-length`, `format`...), its message, and the attribute at fault when one is named.
 */
public class DynamicsValidationFailed extends DynamicsException {

    private final String code;
    private final String attribute;

    public DynamicsValidationFailed(String code, String message, String attribute) {
        super(message);
        this.code = code;
        this.attribute = attribute;
    }

    public String code() {
        return code;
    }

    public String attribute() {
        return attribute;
    }
}
