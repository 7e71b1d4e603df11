package org.leadsync.fields;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The saved field set (R2): what the cycle moves and field setup shows. */
@Stateless
public class FieldMappings {

    @PersistenceContext
    EntityManager em;

    public List<FieldMapping> current() {
        return em.createNamedQuery(FieldMapping.ALL, FieldMapping.class).getResultList();
    }
}
