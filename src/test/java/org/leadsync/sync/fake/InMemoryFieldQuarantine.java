package org.leadsync.sync.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadsync.fields.FieldQuarantine;
import org.leadsync.fields.QuarantinedField;
import org.leadsync.port.CrmEntity;

/** The fields in quarantine (docs/sync-rules.md R23) in memory; every public method of {@link FieldQuarantine} is overridden. */
public final class InMemoryFieldQuarantine extends FieldQuarantine {

    private final List<QuarantinedField> fields = new ArrayList<>();

    @Override
    public List<QuarantinedField> current() {
        return List.copyOf(fields);
    }

    @Override
    public Set<String> attributes(CrmEntity entity) {
        return fields.stream().filter(q -> q.entity().equals(entity.logicalName())).map(QuarantinedField::attribute)
                .collect(Collectors.toSet());
    }

    @Override
    public boolean quarantine(CrmEntity entity, String attribute, String marketoField, String reason, Instant now) {
        if (attributes(entity).contains(attribute)) {
            return false;
        }
        fields.add(new QuarantinedField(entity.logicalName(), attribute, marketoField, now, reason));
        return true;
    }

    @Override
    public void lift(CrmEntity entity, String attribute) {
        fields.removeIf(q -> q.entity().equals(entity.logicalName()) && q.attribute().equals(attribute));
    }
}
