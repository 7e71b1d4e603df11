package org.leadsync.sync.fake;

import java.util.ArrayList;
import java.util.List;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.fields.MappingLine;

/** The saved field set (R2) in memory; every public method of {@link FieldMappings} is overridden. */
public final class InMemoryFieldMappings extends FieldMappings {

    private List<FieldMapping> mappings = new ArrayList<>();
    private java.util.function.Consumer<String> forgetSnapshots = field -> {
    };

    /** What {@link #markForFill} drops besides the mark: the links' snapshots of the field (the world's links). */
    public void onForgetSnapshots(java.util.function.Consumer<String> forget) {
        this.forgetSnapshots = forget;
    }

    @Override
    public void markForFill(String marketoField) {
        forgetSnapshots.accept(marketoField);
        mappings.stream().filter(m -> m.marketoField().equals(marketoField)).forEach(FieldMapping::markForFill);
    }

    /** R2's default set: email, firstName, lastName, company (lead only), title, phone. */
    public static InMemoryFieldMappings defaults() {
        InMemoryFieldMappings set = new InMemoryFieldMappings();
        set.mappings = new ArrayList<>(List.of(
                new FieldMapping("email", "emailaddress1", "emailaddress1", 0, false),
                new FieldMapping("firstName", "firstname", "firstname", 1, false),
                new FieldMapping("lastName", "lastname", "lastname", 2, false),
                new FieldMapping("company", "companyname", null, 3, false),
                new FieldMapping("title", "jobtitle", "jobtitle", 4, false),
                new FieldMapping("phone", "telephone1", "telephone1", 5, false)));
        return set;
    }

    @Override
    public List<FieldMapping> current() {
        return List.copyOf(mappings);
    }

    /** Field setup is not part of these tests: a saved set replaces the list, with no fill pending. */
    @Override
    public List<FieldMapping> replace(List<MappingLine> lines) {
        List<FieldMapping> saved = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            MappingLine line = lines.get(i);
            saved.add(new FieldMapping(line.marketoField(), line.leadField(), line.contactField(), i, false));
        }
        mappings = saved;
        return List.copyOf(saved);
    }
}
