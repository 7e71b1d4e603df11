package org.leadsync.sandbox.dynamics;

import java.util.regex.Pattern;

/**
 * A customer's own customisation (docs/sandbox.md, Business rules): `required` or `regex:<pattern>` on one
 * attribute; a write that breaks it fails like a plug-in would, 400 with 0x80040265.
 */
public record BusinessRule(String entity, String attribute, String rule) {

    static final String PLUGIN_ERROR = "0x80040265";

    boolean required() {
        return "required".equals(rule);
    }

    Pattern pattern() {
        return rule.startsWith("regex:") ? Pattern.compile(rule.substring("regex:".length())) : null;
    }

    boolean valid() {
        if (required()) {
            return true;
        }
        try {
            return pattern() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the failure message, or null when the value passes */
    String check(Object value, boolean present) {
        if (required() && present && (value == null || value.toString().isBlank())) {
            return "Business rule failed: the '" + attribute + "' attribute of the '" + entity + "' entity is required.";
        }
        Pattern pattern = pattern();
        if (pattern != null && value != null && !pattern.matcher(value.toString()).matches()) {
            return "Business rule failed: the '" + attribute + "' attribute of the '" + entity
                    + "' entity does not match the pattern '" + pattern.pattern() + "'.";
        }
        return null;
    }
}
