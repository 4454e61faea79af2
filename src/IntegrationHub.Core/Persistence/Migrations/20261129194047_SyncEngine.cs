using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IntegrationHub.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SyncEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    host_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    remote_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    @base = table.Column<JsonDocument>(name: "base", type: "jsonb", nullable: true),
                    host = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    external = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    host_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    external_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    conflicting_paths = table.Column<string[]>(type: "text[]", nullable: false),
                    policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    resolution = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sync_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conflicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_conflicts_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delete_quarantines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sync_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    entity_total = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delete_quarantines", x => x.id);
                    table.ForeignKey(
                        name: "fk_delete_quarantines_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbox_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "record_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    host_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    remote_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    last_pushed_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_pulled_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_pulled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    @base = table.Column<JsonDocument>(name: "base", type: "jsonb", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_record_links_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    data = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    source_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    raw = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_seen_run_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_records_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_checkpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    high_water_mark = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    run_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    page_token = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    pages_done = table.Column<int>(type: "integer", nullable: false),
                    run_had_failures = table.Column<bool>(type: "boolean", nullable: false),
                    last_full_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_checkpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_sync_checkpoints_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_configs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    interval_minutes = table.Column<int>(type: "integer", nullable: false),
                    cron = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    conflict_policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    merge_fallback = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    field_policies = table.Column<string>(type: "jsonb", nullable: false),
                    delete_policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    delete_threshold_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    lookback_minutes = table.Column<int>(type: "integer", nullable: false),
                    allow_posted_updates = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_configs", x => x.id);
                    table.ForeignKey(
                        name: "fk_sync_configs_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entities = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    counts = table.Column<string>(type: "jsonb", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    rate_limit_wait_ms = table.Column<long>(type: "bigint", nullable: false),
                    processed = table.Column<int>(type: "integer", nullable: false),
                    expected_total = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    job_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_sync_runs_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "record_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    snapshot = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    diff = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sync_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    mapping_version = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_record_versions_records_record_id",
                        column: x => x.record_id,
                        principalTable: "records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "record_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sync_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    error_class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    provider_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_failures", x => x.id);
                    table.ForeignKey(
                        name: "fk_record_failures_sync_runs_sync_run_id",
                        column: x => x.sync_run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_connection_id_entity_host_id",
                table: "conflicts",
                columns: new[] { "connection_id", "entity", "host_id" },
                unique: true,
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_tenant_id_status_created_at",
                table: "conflicts",
                columns: new[] { "tenant_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_delete_quarantines_connection_id",
                table: "delete_quarantines",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_delete_quarantines_tenant_id_status",
                table: "delete_quarantines",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_source_dedupe_key",
                table: "inbox_events",
                columns: new[] { "source", "dedupe_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_status_next_attempt_at",
                table: "inbox_events",
                columns: new[] { "status", "next_attempt_at" },
                filter: "status IN ('Received', 'Failed')");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_tenant_id_connection_id_received_at",
                table: "inbox_events",
                columns: new[] { "tenant_id", "connection_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_record_failures_sync_run_id",
                table: "record_failures",
                column: "sync_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_record_links_connection_id_entity_host_id",
                table: "record_links",
                columns: new[] { "connection_id", "entity", "host_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_record_links_connection_id_entity_remote_id",
                table: "record_links",
                columns: new[] { "connection_id", "entity", "remote_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_record_versions_record_id_version",
                table: "record_versions",
                columns: new[] { "record_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_record_versions_sync_run_id",
                table: "record_versions",
                column: "sync_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_records_connection_id_entity_last_seen_run_id",
                table: "records",
                columns: new[] { "connection_id", "entity", "last_seen_run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_records_tenant_id_connection_id_entity_external_id",
                table: "records",
                columns: new[] { "tenant_id", "connection_id", "entity", "external_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_records_tenant_id_entity_updated_at",
                table: "records",
                columns: new[] { "tenant_id", "entity", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sync_checkpoints_connection_id_entity",
                table: "sync_checkpoints",
                columns: new[] { "connection_id", "entity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sync_configs_connection_id_entity",
                table: "sync_configs",
                columns: new[] { "connection_id", "entity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_connection_id",
                table: "sync_runs",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_queued_at",
                table: "sync_runs",
                column: "queued_at");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_tenant_id_connection_id_queued_at",
                table: "sync_runs",
                columns: new[] { "tenant_id", "connection_id", "queued_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conflicts");

            migrationBuilder.DropTable(
                name: "delete_quarantines");

            migrationBuilder.DropTable(
                name: "inbox_events");

            migrationBuilder.DropTable(
                name: "record_failures");

            migrationBuilder.DropTable(
                name: "record_links");

            migrationBuilder.DropTable(
                name: "record_versions");

            migrationBuilder.DropTable(
                name: "sync_checkpoints");

            migrationBuilder.DropTable(
                name: "sync_configs");

            migrationBuilder.DropTable(
                name: "sync_runs");

            migrationBuilder.DropTable(
                name: "records");
        }
    }
}
