package org.gridgov.escalation.department;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A department that takes its task facts on a signed webhook instead of its Kafka task topic. */
@Entity
@Table(name = "department_webhook")
public class DepartmentWebhook extends PanacheEntityBase {
    @Id
    @Column(name = "department_code")
    public String departmentCode;
    @Column(nullable = false)
    public String url;
    /** encrypted at rest; see {@link DepartmentWebhooks#secret(String)} */
    @Column(nullable = false)
    public String secret;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
